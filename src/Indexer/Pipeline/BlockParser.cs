using Explorer.BlockFiles;
using NBitcoin;

namespace Explorer.Indexer.Pipeline;

/// <summary>The parallel stage: scan a block's raw bytes and run the carrier prefilter on each transaction, and
/// optionally decode the carriers ahead of the state stage (<see cref="CandidateDecoder.DecodeCarriers"/>). Pure.</summary>
public static class BlockParser
{
    /// <exception cref="MalformedBlockException">The block's bytes are not a well-formed serialized block.</exception>
    public static ParsedBlock Parse(ChainBlock source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!RawBlockScanner.TryScan(source.Bytes.Span, out var layout, out var error))
            throw MalformedBlockException.For(source.Record, source.Height, $"does not parse ({error})");
        return new ParsedBlock(source, source.Record.Hash, layout);
    }

    /// <summary>Checks that the block's transactions hash to its header's merkle root (Bitcoin Core's CheckBlock:
    /// "hashMerkleRoot mismatch"); the record's hash is its header's, so damaged transactions show only here. Returns
    /// the block with every txid kept (<see cref="ParsedBlock.Txids"/>): the later stages then hash nothing.</summary>
    /// <exception cref="MalformedBlockException">They do not.</exception>
    public static ParsedBlock VerifyMerkleRoot(ParsedBlock parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var txids = parsed.Txids ?? RawBlockScanner.Txids(parsed.Source.Bytes.Span, parsed.Layout);
        if (RawBlockScanner.MerkleRoot(txids) != new uint256(parsed.Source.Bytes.Span.Slice(36, 32)))
            throw MalformedBlockException.For(parsed.Source.Record, parsed.Height, "its transactions do not hash to the header's merkle root");
        return parsed with { Txids = txids };
    }

    /// <summary>Scans, then decodes every carrier as if none of its inputs were colored.</summary>
    public static ParsedBlock Parse(ChainBlock source, Network network, string xcpPrefix, string? chain = null) =>
        Decode(Parse(source), network, xcpPrefix, chain, null);

    /// <summary>The parallel stage of the pipeline: scans, checks the merkle root when asked (keeping the txids), then
    /// decodes every carrier as if none of its inputs were colored.</summary>
    /// <param name="state">The state stage's colored outputs: carriers that may spend one are not decoded ahead
    /// (<see cref="CandidateDecoder.DecodeCarriers"/>).</param>
    public static ParsedBlock Parse(ChainBlock source, Network network, string xcpPrefix, string? chain, bool verifyMerkleRoot,
        ColoredUtxoSet? state = null)
    {
        var parsed = Parse(source);
        return Decode(verifyMerkleRoot ? VerifyMerkleRoot(parsed) : parsed, network, xcpPrefix, chain, state);
    }

    private static ParsedBlock Decode(ParsedBlock parsed, Network network, string xcpPrefix, string? chain, ColoredUtxoSet? state)
    {
        var payers = TaprootPayers(parsed);
        return parsed with
        {
            Decoded = CandidateDecoder.DecodeCarriers(parsed, network, xcpPrefix, chain, state),
            TaprootPayers = payers,
            RevealPayers = Counterparty.RevealPayerBlock.Build(parsed, payers),
        };
    }

    /// <summary>The block's P2TR payers (every key of every transaction but the coinbase that pays P2TR), in block
    /// order: found by the parallel stage; the state stage records them with their funders (RevealFundingCache).</summary>
    public static TaprootPayer[] TaprootPayers(ParsedBlock parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var keys = parsed.Layout.TaprootKeys;
        if (keys.Length == 0 || parsed.Source.Undo is not { } undo) return [];
        // Undo data made from parsed outputs (a node's verbose block): the funders are read when recorded.
        if (undo.Serialized.Length == 0) return keys;
        // The funders go into the scanner's own array (the same values every time: calling this again changes
        // nothing); a copy is made only when some transaction has no undo entry, which a valid chain never has.
        var skipped = 0;
        for (var k = 0; k < keys.Length; k++)
        {
            var tx = keys[k].Tx;
            // The funder as the undo data stores it (the same for every key the transaction pays).
            if (k > 0 && keys[k - 1].Tx == tx && keys[k - 1].FunderAt >= 0)
            {
                keys[k] = keys[k] with { FunderAt = keys[k - 1].FunderAt };
                continue;
            }
            if (undo.TryLocateFirstSpent(tx, out var at))
                keys[k] = keys[k] with { FunderAt = at };
            else
                skipped++;
        }
        return skipped == 0 ? keys : [.. keys.Where(k => k.FunderAt >= 0)];
    }
}
