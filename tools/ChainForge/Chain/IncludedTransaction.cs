using NBitcoin;

namespace Explorer.ChainForge.Chain;

/// <summary>A signed transaction placed in a block, with the outputs its activity kept for itself.</summary>
public sealed record IncludedTransaction(Transaction Transaction, uint256 Txid, IReadOnlyDictionary<int, ForgeCoin> KeptCoins);
