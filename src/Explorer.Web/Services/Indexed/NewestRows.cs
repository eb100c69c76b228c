namespace Explorer.Web.Services.Indexed;

/// <summary>
/// Each key's newest version without <c>FINAL</c> (docs/schema.md "Versioned rows"). <c>FINAL</c> merges whole granules
/// of every part and turns off the skip indexes, so a point read under it costs a share of the table; the same answer
/// comes from the matching rows' versions, newest first, one per sorting key (<c>LIMIT 1 BY</c> the table's full sorting
/// key), and only then <c>is_orphaned = 0</c> and the other conditions: a row whose newest version is an orphaned copy
/// (or a spend's copy) is judged by that version, never by an older one.
/// </summary>
/// <remarks>The subquery's condition must hold for every version of a key or for none (a condition on sorting-key
/// columns, or a candidate key set): a condition on a column a newer version may change (height, spend, orphaned) goes
/// in the outer query. Every argument is a constant of the caller, never user input (values are <c>@parameters</c>).</remarks>
internal static class NewestRows
{
    public const string ColoredTransactionsKey = "txid, protocol";
    public const string ColoredTransactionsByHeightKey = "protocol, height, tx_index, txid";
    public const string ColoredOutputsKey = "protocol, asset_id, txid, n, idx";
    public const string ColoredOutputsByAddressKey = "address, protocol, asset_id, txid, n, idx";
    public const string BlocksKey = "height, hash";
    public const string AssetsKey = "protocol, asset_id";
    public const string CounterpartyMessagesByAddressKey = "address, txid";
    public const string XcpLedgerByAddressKey = "address, height, txid, seq";

    /// <summary>A subquery: the newest version of each <paramref name="key"/> among the rows of <paramref name="table"/>
    /// where <paramref name="keyCondition"/> holds.</summary>
    public static string Of(string table, string key, string keyCondition) =>
        $"(SELECT * FROM {table} WHERE {keyCondition} ORDER BY version DESC LIMIT 1 BY {key})";

    /// <summary>A subquery: the newest version of every key that has a row matching <paramref name="candidates"/> (a
    /// condition a skip index answers exactly without FINAL, on a column a newer version may change, such as a spend),
    /// read by primary key. The outer query repeats the condition on the newest versions.</summary>
    public static string OfCandidates(string table, string key, string candidates) =>
        $"(SELECT * FROM {table} WHERE ({key}) IN (SELECT {key} FROM {table} WHERE {candidates}) ORDER BY version DESC LIMIT 1 BY {key})";
}
