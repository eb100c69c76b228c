namespace Explorer.Web.Services.Indexed;

/// <summary>A row of the <c>balances</c> view: what an address holds of an asset (unspent outputs).</summary>
public sealed record BalanceLine(string Protocol, string AssetId, string Address, ulong Quantity, ulong Outputs);
