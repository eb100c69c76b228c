namespace Explorer.ClickHouse.Embedded.Http;

/// <summary>
/// The result of scanning a request's text. For <see cref="StatementKind.InsertWithData"/>:
/// <see cref="StatementLength"/> bytes hold <c>INSERT INTO t (...)</c> without the FORMAT clause, the data starts at
/// <see cref="DataOffset"/>, and <see cref="Format"/> is its input format. For <see cref="StatementKind.Query"/>:
/// <see cref="Format"/> is the output format named by a FORMAT clause, or null.
/// </summary>
public readonly record struct StatementInfo(
    StatementKind Kind,
    string FirstKeyword,
    int StatementLength,
    int DataOffset,
    string? Format)
{
    public static StatementInfo Incomplete(string firstKeyword) => new(StatementKind.Incomplete, firstKeyword, 0, 0, null);
}
