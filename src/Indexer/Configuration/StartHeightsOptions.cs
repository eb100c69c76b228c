using System.ComponentModel.DataAnnotations;

namespace Explorer.Indexer.Configuration;

/// <summary>
/// The first height at which each protocol is decoded (section <c>Indexer:StartHeights</c>, environment
/// <c>Indexer__StartHeights__Colu</c>, flags <c>--start-openassets|--start-colu|--start-counterparty</c>). Below its
/// start height a protocol's answers are ignored: no rows, no colored-UTXO state, no ledger (docs/indexer.md,
/// "Start height per protocol"). 0 (the default) decodes from genesis.
/// </summary>
public sealed class StartHeightsOptions
{
    [Range(0, int.MaxValue)]
    public int OpenAssets { get; set; }

    [Range(0, int.MaxValue)]
    public int Colu { get; set; }

    [Range(0, int.MaxValue)]
    public int Counterparty { get; set; }

    /// <summary>The lowest of the three: below it the state stage looks at no transaction at all.</summary>
    public int Lowest => Math.Min(OpenAssets, Math.Min(Colu, Counterparty));

    /// <summary>Null when every height is valid, otherwise what is wrong (DataAnnotations do not recurse into this object).</summary>
    public string? Problem() =>
        OpenAssets < 0 || Colu < 0 || Counterparty < 0 ? "Indexer:StartHeights values must be 0 or more" : null;
}
