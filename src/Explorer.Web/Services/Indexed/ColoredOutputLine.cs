namespace Explorer.Web.Services.Indexed;

/// <summary>One non-orphaned <c>colored_outputs</c> row: an asset amount on an output, and its spend when spent;
/// <c>Divisibility</c> is the asset's as the row carries it (Colu), -1 when not stated (Open Assets).</summary>
public sealed record ColoredOutputLine(string Protocol, string AssetId, string Txid, uint N, ushort Idx, ulong Quantity,
    string Address, ulong Value, uint Height, string SpentTxid, uint SpentInput, uint SpentHeight, short Divisibility = -1);
