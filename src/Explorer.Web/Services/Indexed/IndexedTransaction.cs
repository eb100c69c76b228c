namespace Explorer.Web.Services.Indexed;

/// <summary>A colored transaction as indexed: a row per protocol, its colored outputs and the colored outputs it spends.</summary>
public sealed record IndexedTransaction(
    IReadOnlyList<ColoredTxRow> Rows,
    IReadOnlyList<ColoredOutputLine> Outputs,
    IReadOnlyList<ColoredOutputLine> Inputs,
    uint? TipHeight)
{
    public ColoredTxRow First => Rows[0];

    public uint Confirmations => TipHeight is { } tip && tip >= First.Height ? tip - First.Height + 1 : 0;
}
