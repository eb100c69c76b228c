using System.Collections.Immutable;
using NBitcoin;

namespace Explorer.Protocols.Decoding;

/// <summary>
/// Everything the three decoders may use for one transaction, as in ../shared/docs/decode-cli.md:
/// the transaction, the previous outputs and colors of its inputs (aligned with the inputs; null or empty where
/// unknown), the block height (selects Counterparty's rules; null = newest), the network and the Counterparty prefix.
/// </summary>
public sealed record DecodeRequest(
    Transaction Tx,
    ImmutableArray<TxOut?> Prevouts,
    ImmutableArray<ImmutableArray<InputAsset>> InputAssets,
    int? Height,
    Network Network,
    string XcpPrefix)
{
    public const string DefaultXcpPrefix = "CNTRPRTY";

    /// <summary>The chain by name when <see cref="Network"/> does not tell it apart (testnet3, testnet4 and signet share
    /// NBitcoin's TestNet addresses but not Counterparty's activation heights); null = by <see cref="Network"/>.</summary>
    public string? Chain { get; init; }

    /// <summary>For a Counterparty taproot reveal: the output that funded its commit transaction (the commit's input 0),
    /// which counterparty-core takes as the reveal's source (gettxinfo.py get_vin_prevout_overrides); null = unknown.</summary>
    public RevealFunding? RevealFunding { get; init; }

    /// <summary>False: the answers carry no raw views (<see cref="Common.RawView.Omitted"/>, no "raw" key in their
    /// JSON). The indexer decodes so and stores the request's context; the explorer decodes again with raw views when it
    /// shows the transaction.</summary>
    public bool IncludeRaw { get; init; } = true;

    /// <summary>The transaction's txid when the caller already has it (the indexer hashed every txid for the merkle-root
    /// check); null = hash it.</summary>
    public uint256? KnownTxid { get; init; }

    /// <summary>The transaction's txid (<see cref="KnownTxid"/>, else hashed).</summary>
    public uint256 Txid() => KnownTxid ?? Tx.GetHash();

    public static DecodeRequest For(Transaction tx, Network? network = null) =>
        new(tx, [], [], null, network ?? Network.Main, DefaultXcpPrefix);

    /// <summary>The previous output of input <paramref name="index"/>, or null when not given.</summary>
    public TxOut? PrevoutOf(int index) => index >= 0 && index < Prevouts.Length ? Prevouts[index] : null;

    /// <summary>The assets on input <paramref name="index"/> (empty when not given or uncolored).</summary>
    public ImmutableArray<InputAsset> AssetsOf(int index) =>
        index >= 0 && index < InputAssets.Length && !InputAssets[index].IsDefault ? InputAssets[index] : [];
}

/// <summary>One asset amount sitting on an input, as given in a decode request's <c>inputAssets</c>.</summary>
/// <param name="Protocol">"openassets" or "colu".</param>
public sealed record InputAsset(
    string Protocol,
    string AssetId,
    ulong Quantity,
    string? IssueTxid = null,
    int? Divisibility = null,
    bool? LockStatus = null,
    string? AggregationPolicy = null);
