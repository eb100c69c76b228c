using System.Buffers.Binary;
using Explorer.BlockFiles;
using NBitcoin;

namespace Explorer.Indexer.Pipeline;

/// <summary>A block after the parallel stage: its raw layout (<see cref="RawBlockScanner"/>) with the prefilter's verdict
/// per transaction (<see cref="Carriers"/>[i] = transaction i has a data-carrier pattern of some protocol). NBitcoin
/// objects and txids are made only for the transactions that need them (<see cref="LoadTransaction"/>, <see cref="Txid"/>).</summary>
public sealed record ParsedBlock(ChainBlock Source, uint256 Hash, RawBlockLayout Layout)
{
    public int Height => Source.Height;

    public int Size => Source.Bytes.Length;

    public int TransactionCount => Layout.Transactions.Length;

    public bool[] Carriers => Layout.Carriers;

    /// <summary>Carriers decoded ahead by the parallel stage, by transaction index (none when not asked for).</summary>
    public IReadOnlyDictionary<int, DecodedCandidate>? Decoded { get; init; }

    /// <summary>The header's previous block hash (bytes 4..36).</summary>
    public uint256 PreviousHash => new(Source.Bytes.Span.Slice(4, 32));

    /// <summary>The header's time (bytes 68..72, seconds since the epoch).</summary>
    public DateTimeOffset Time => DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadUInt32LittleEndian(Source.Bytes.Span.Slice(68, 4)));

    /// <summary>The outpoint (txid 32 bytes, vout 4 bytes LE) spent by input <paramref name="input"/> of transaction <paramref name="tx"/>.</summary>
    public ReadOnlySpan<byte> Prevout(int tx, int input) =>
        Source.Bytes.Span.Slice(Layout.PrevoutOffsets[Layout.Transactions[tx].FirstInput + input], 36);

    /// <summary>Offsets in the block of the 32-byte keys of transaction <paramref name="tx"/>'s P2TR outputs (BIP 341:
    /// OP_1 &lt;32-byte key&gt;).</summary>
    public void TaprootKeyOffsets(int tx, List<int> into) => RawBlockScanner.TaprootKeyOffsets(Source.Bytes.Span, Layout, tx, into);

    /// <summary>The block's transactions paying P2TR outputs (possible Counterparty commits), in block order, with the
    /// output their input 0 spent: found by the parallel stage, recorded by the state stage (RevealFundingCache).</summary>
    public TaprootPayer[]? TaprootPayers { get; init; }

    /// <summary>The payers with their funders, as the reveal-source cache keeps them (built by the parallel stage; null
    /// when the block was parsed without decoding).</summary>
    public Counterparty.RevealPayerBlock? RevealPayers { get; init; }

    /// <summary>Every txid, when the parallel stage computed them (the merkle-root check): 32 bytes each, block order.</summary>
    public byte[]? Txids { get; init; }

    /// <summary>Writes transaction <paramref name="tx"/>'s txid (internal byte order) into <paramref name="destination"/>.</summary>
    public void Txid(int tx, Span<byte> destination)
    {
        if (Txids is { } all) all.AsSpan(tx * 32, 32).CopyTo(destination);
        else RawBlockScanner.Txid(Source.Bytes.Span, Layout.Transactions[tx], destination);
    }

    public uint256 Txid(int tx) => Txids is { } all ? new uint256(all.AsSpan(tx * 32, 32)) : RawBlockScanner.Txid(Source.Bytes.Span, Layout.Transactions[tx]);

    /// <summary>Transaction <paramref name="tx"/> as an NBitcoin object (for the decoders).</summary>
    public Transaction LoadTransaction(int tx, Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var raw = Layout.Transactions[tx];
        return Transaction.Load(Source.Bytes.Span.Slice(raw.Start, raw.Length).ToArray(), network);
    }
}
