using System.Collections.Immutable;
using Explorer.Protocols.Decoding;
using NBitcoin;

namespace Explorer.Indexer.Pipeline;

/// <summary>A carrier transaction decoded in the parallel stage as if none of its inputs were colored. The state stage uses it as is when that turns out true, and decodes again otherwise.</summary>
public sealed record DecodedCandidate(Transaction Tx, string Txid, ImmutableArray<TxOut?> Prevouts, DecodeAnswer Answer);
