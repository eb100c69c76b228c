namespace Explorer.Protocols.OpenAssets;

/// <summary>What an output is in an Open Assets transaction.</summary>
public enum OutputRole
{
    /// <summary>No asset: no marker, quantity zero, or an invalid transaction.</summary>
    Uncolored = 0,
    /// <summary>Before the marker with a non-zero quantity: "used for asset issuance".</summary>
    Issuance = 1,
    /// <summary>The marker output: "The marker output is always uncolored."</summary>
    Marker = 2,
    /// <summary>After the marker with a non-zero quantity, colored by order-based coloring.</summary>
    Transfer = 3,
}
