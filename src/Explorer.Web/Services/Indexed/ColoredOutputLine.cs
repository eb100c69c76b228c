namespace Explorer.Web.Services.Indexed;

/// <summary>One non-orphaned <c>colored_outputs</c> row: an asset amount on an output, and its spend when spent.</summary>
public sealed record ColoredOutputLine(string Protocol, string AssetId, string Txid, uint N, ushort Idx, ulong Quantity,
    string Address, ulong Value, uint Height, string SpentTxid, uint SpentInput, uint SpentHeight);
