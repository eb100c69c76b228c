using System.Text.Json.Nodes;
using NBitcoin;

namespace Explorer.ChainForge.Chain;

/// <summary>What the forge remembers of a block it mined: for the ground truth and for tests.</summary>
public sealed record ForgedBlock(int Height, uint256 Hash, uint256 PreviousHash, int Size, int TransactionCount,
    IReadOnlyList<uint256> Txids, IReadOnlyList<JsonObject> Events);
