namespace Explorer.Protocols.Colu;

/// <summary>Where the metadata hashes live: only in the OP_RETURN, or (partly) in a bare multisig output.</summary>
public enum ColuMetadataCarrier
{
    OpReturn = 0,
    Multisig = 1,
}
