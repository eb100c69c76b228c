namespace Explorer.Protocols.OpenAssets;

/// <summary>Why the spec uncolors every output of a transaction that has a marker. Append only.</summary>
public enum ColoringError
{
    None = 0,
    /// <summary>"If there are more items in the asset quantity list than the number of colorable outputs, the
    /// transaction is deemed invalid, and all outputs are uncolored."</summary>
    QuantitiesBeyondOutputs = 1,
    /// <summary>"If there are less asset units in the input sequence than in the output sequence, the transaction
    /// is considered invalid and all outputs are uncolored."</summary>
    InsufficientInputUnits = 2,
    /// <summary>"If any output contains units from more than one distinct asset address, the whole transaction is
    /// considered invalid, and all outputs are uncolored."</summary>
    MixedAssetIds = 3,
    /// <summary>A spent output claims more than 2^63 - 1 units, which no valid marker can assign
    /// ("The maximum valid asset quantity for an output is 2^63 - 1 units").</summary>
    Overflow = 4,
}
