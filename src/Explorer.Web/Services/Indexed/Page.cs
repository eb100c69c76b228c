namespace Explorer.Web.Services.Indexed;

/// <summary>One page of rows and the cursor of the next page (null on the last page).</summary>
public sealed record Page<TRow, TCursor>(IReadOnlyList<TRow> Items, TCursor? Next)
    where TCursor : class
{
    /// <summary>From up to <paramref name="limit"/> + 1 rows: the extra row only says a next page exists.</summary>
    public static Page<TRow, TCursor> Of(List<TRow> rows, int limit, Func<TRow, TCursor> cursorOf)
    {
        if (rows.Count <= limit) return new Page<TRow, TCursor>(rows, null);
        var items = rows.GetRange(0, limit);
        return new Page<TRow, TCursor>(items, cursorOf(items[^1]));
    }
}
