using System.Collections.Immutable;

namespace Explorer.Protocols.Colu;

/// <summary>One output of the transaction and the Colu asset entries it holds (empty when uncolored).</summary>
public sealed record ColuAnswerOutput(int Index, ImmutableArray<ColuAnswerAsset> Assets);
