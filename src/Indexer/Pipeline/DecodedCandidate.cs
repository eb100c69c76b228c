using System.Collections.Immutable;
using System.Text.Json;
using Explorer.Protocols.Decoding;
using NBitcoin;

namespace Explorer.Indexer.Pipeline;

/// <summary>A carrier transaction decoded in the parallel stage as if none of its inputs were colored. The state stage uses it as is when that turns out true, and decodes again otherwise.</summary>
/// <param name="Context">The decode request's context for the explorer (<see cref="DecodeRequestContext"/>), UTF-8 JSON
/// (empty when there is none).</param>
public sealed record DecodedCandidate(Transaction Tx, string Txid, ImmutableArray<TxOut?> Prevouts, DecodeAnswer Answer, byte[] Context)
{
    /// <summary>The answer's JSON per protocol, made in the parallel stage too (the state stage only stores it).</summary>
    public AnswerJson Json { get; } = AnswerJson.Of(Answer);

    /// <summary>The txid as hashed (<see cref="Txid"/> is its text).</summary>
    public uint256? Hash { get; init; }
}

/// <summary>A decode answer's stored forms, made from the answer records with the source-generated context: each
/// protocol's answer as UTF-8 JSON (<c>answer_json</c>; null when the protocol has no answer), and the Counterparty
/// fields' JSON (<c>fields_json</c> of <c>counterparty_messages</c>).</summary>
public sealed record AnswerJson(byte[]? OpenAssets, byte[]? Colu, byte[]? Counterparty, string? CounterpartyFields)
{
    /// <summary>What a protocol without an answer stores in <c>answer_json</c>.</summary>
    public static ReadOnlyMemory<byte> Null { get; } = "null"u8.ToArray();

    public static AnswerJson Of(DecodeAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return new AnswerJson(
            answer.OpenAssets is null ? null : JsonSerializer.SerializeToUtf8Bytes(answer.OpenAssets, DecodeJson.Options),
            answer.Colu is null ? null : JsonSerializer.SerializeToUtf8Bytes(answer.Colu, DecodeJson.Options),
            answer.Counterparty is null ? null : JsonSerializer.SerializeToUtf8Bytes(answer.Counterparty, DecodeJson.Options),
            answer.Counterparty is null ? null : JsonSerializer.Serialize(answer.Counterparty.Fields, DecodeJson.Options));
    }
}
