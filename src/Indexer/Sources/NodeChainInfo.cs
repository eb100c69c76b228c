using NBitcoin;

namespace Explorer.Indexer.Sources;

/// <summary>What <c>getblockchaininfo</c> (or REST <c>/rest/chaininfo.json</c>) says about the node's best chain.</summary>
public sealed record NodeChainInfo(string Chain, int Blocks, uint256 BestBlockHash);
