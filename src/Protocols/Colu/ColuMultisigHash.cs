namespace Explorer.Protocols.Colu;

/// <summary>One hash held by the multisig output: its key position in the script and which hash it is.</summary>
public sealed record ColuMultisigHash(int Index, ColuHashType HashType);
