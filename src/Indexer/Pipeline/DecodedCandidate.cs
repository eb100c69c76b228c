using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Explorer.Protocols.Decoding;
using NBitcoin;

namespace Explorer.Indexer.Pipeline;

/// <summary>A carrier transaction decoded in the parallel stage as if none of its inputs were colored. The state stage uses it as is when that turns out true, and decodes again otherwise.</summary>
/// <param name="Context">The decode request's context for the explorer (<see cref="DecodeRequestContext"/>).</param>
public sealed record DecodedCandidate(Transaction Tx, string Txid, ImmutableArray<TxOut?> Prevouts, DecodeAnswer Answer, string Context)
{
    /// <summary>The answer's JSON per protocol, made in the parallel stage too (the state stage only stores it).</summary>
    public AnswerJson Json { get; } = AnswerJson.Of(Answer);

    /// <summary>The txid as hashed (<see cref="Txid"/> is its text).</summary>
    public uint256? Hash { get; init; }
}

/// <summary>A decode answer's stored forms: each protocol's answer as JSON text (<c>answer_json</c>), and Counterparty's
/// as a JSON object for the ledger step.</summary>
public sealed record AnswerJson(string? OpenAssets, string? Colu, JsonObject? Counterparty, string? CounterpartyText)
{
    public static AnswerJson Of(DecodeAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var xcp = answer.Counterparty is null ? null : JsonSerializer.SerializeToNode(answer.Counterparty, DecodeJson.Options)!.AsObject();
        return new AnswerJson(
            answer.OpenAssets is null ? null : JsonSerializer.Serialize(answer.OpenAssets, DecodeJson.Options),
            answer.Colu is null ? null : JsonSerializer.Serialize(answer.Colu, DecodeJson.Options),
            xcp, xcp?.ToJsonString(DecodeJson.Options));
    }
}
