using System.Collections.Immutable;
using Explorer.Protocols.Decoding;
using NBitcoin;

namespace Explorer.Indexer.Pipeline;

/// <summary>
/// Decoding of one candidate transaction, shared by the parallel stage (speculative: no colored inputs) and the state
/// stage (with the inputs' assets): previous outputs from the undo data, then <see cref="TransactionDecoder"/>.
/// </summary>
public static class CandidateDecoder
{
    /// <summary>The outputs spent by each input of transaction <paramref name="txIndex"/> (null for the coinbase's).</summary>
    public static ImmutableArray<TxOut?> Prevouts(ParsedBlock parsed, int txIndex, Transaction tx)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(tx);
        var spent = parsed.Source.Undo?.ForTransaction(txIndex) ?? [];
        var prevouts = ImmutableArray.CreateBuilder<TxOut?>(tx.Inputs.Count);
        for (var j = 0; j < tx.Inputs.Count; j++)
            prevouts.Add(tx.IsCoinBase || j >= spent.Length ? null : new TxOut(Money.Satoshis(spent[j].Value), new Script(spent[j].ScriptPubKey)));
        return prevouts.MoveToImmutable();
    }

    /// <summary>The indexer's decoding, with the txid already known and, unless <paramref name="includeRaw"/>, without
    /// raw views: the explorer decodes the stored request context again when it shows the transaction
    /// (<see cref="DecodeRequest.IncludeRaw"/>, <see cref="DecodeRequestContext"/>). Returns the answer and, without raw
    /// views, that context as UTF-8 JSON (else empty).</summary>
    public static (DecodeAnswer Answer, byte[] Context) Decode(Transaction tx, ImmutableArray<TxOut?> prevouts,
        ImmutableArray<ImmutableArray<InputAsset>> inputAssets, int height, Network network, string xcpPrefix, string? chain = null,
        RevealFunding? revealFunding = null, uint256? txid = null, bool includeRaw = false)
    {
        var request = new DecodeRequest(tx, prevouts, inputAssets, height, network, xcpPrefix)
        { Chain = chain, RevealFunding = revealFunding, IncludeRaw = includeRaw, KnownTxid = txid };
        var answer = TransactionDecoder.Decode(request);
        return (answer, includeRaw || IsEmpty(answer) ? [] : DecodeRequestContext.WriteUtf8(request));
    }

    private static bool IsEmpty(DecodeAnswer answer) => answer.OpenAssets is null && answer.Colu is null && answer.Counterparty is null;

    /// <summary>Decodes every carrier of a block as if its inputs held no colored units (the parallel stage). With
    /// <paramref name="state"/>, a carrier that may spend a colored output is left to the state stage: the guess
    /// would be wrong (an Open Assets or Colu transfer), and decoding it twice was wasted work.</summary>
    public static Dictionary<int, DecodedCandidate> DecodeCarriers(ParsedBlock parsed, Network network, string xcpPrefix, string? chain = null,
        ColoredUtxoSet? state = null)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var decoded = new Dictionary<int, DecodedCandidate>();
        for (var i = 1; i < parsed.TransactionCount; i++)
        {
            if (!parsed.Carriers[i] || (state is not null && state.MaySpendColored(parsed, i))) continue;
            var tx = parsed.LoadTransaction(i, network);
            var prevouts = Prevouts(parsed, i, tx);
            ImmutableArray<ImmutableArray<InputAsset>> none = [.. Enumerable.Repeat(ImmutableArray<InputAsset>.Empty, tx.Inputs.Count)];
            var txid = parsed.Txid(i);
            var (answer, context) = Decode(tx, prevouts, none, parsed.Height, network, xcpPrefix, chain, txid: txid);
            decoded[i] = new DecodedCandidate(tx, txid.ToString(), prevouts, answer, context) { Hash = txid };
        }
        return decoded;
    }
}
