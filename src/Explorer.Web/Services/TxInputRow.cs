namespace Explorer.Web.Services;

/// <summary>One input of a decoded transaction; the Prev* members are known only when its previous output was given.</summary>
public sealed record TxInputRow(
    int Index,
    string PrevTxid,
    uint PrevIndex,
    bool IsCoinbase,
    string ScriptSigHex,
    string ScriptSigAsm,
    int WitnessItems,
    uint Sequence,
    long? PrevValue,
    string? PrevScriptHex,
    string? PrevAddress);
