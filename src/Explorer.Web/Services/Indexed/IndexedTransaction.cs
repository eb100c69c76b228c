namespace Explorer.Web.Services.Indexed;

/// <summary>A colored transaction as indexed: a row per protocol, its colored outputs and the colored outputs it spends.</summary>
public sealed record IndexedTransaction(
    IReadOnlyList<ColoredTxRow> Rows,
    IReadOnlyList<ColoredOutputLine> Outputs,
    IReadOnlyList<ColoredOutputLine> Inputs,
    uint? TipHeight)
{
    public ColoredTxRow First => Rows[0];

    /// <summary>When the mempool source first saw it; set only for an unconfirmed (mempool) transaction.</summary>
    public DateTime? FirstSeen { get; init; }

    /// <summary>In the mempool, not in a block yet.</summary>
    public bool Unconfirmed => FirstSeen is not null;

    public uint Confirmations => !Unconfirmed && TipHeight is { } tip && tip >= First.Height ? tip - First.Height + 1 : 0;
}
