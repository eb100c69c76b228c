using System.Text;
using Explorer.ClickHouse.Embedded.Http;

namespace Explorer.ClickHouse.Embedded.Tests;

/// <summary>
/// How a request's text is split into statement and data, following ClickHouse's ParserInsertQuery: "Data starts after
/// the first newline, if there is one, or after all the whitespace characters, otherwise."
/// (https://github.com/ClickHouse/ClickHouse/blob/master/src/Parsers/ParserInsertQuery.cpp)
/// </summary>
[Trait("Category", "Unit")]
public sealed class StatementScannerTests
{
    [Theory]
    [InlineData("INSERT INTO t (a, b) FORMAT RowBinary\n\u0001\u0002", "INSERT INTO t (a, b)", "RowBinary", "\u0001\u0002")]
    [InlineData("INSERT INTO t FORMAT TabSeparated  \r\n1\t2\n", "INSERT INTO t", "TabSeparated", "1\t2\n")]
    [InlineData("insert into t format CSV 1,2", "insert into t", "CSV", "1,2")]
    [InlineData("INSERT INTO t FORMAT JSONEachRow\n\n{\"a\":1}", "INSERT INTO t", "JSONEachRow", "\n{\"a\":1}")]
    [InlineData("INSERT INTO t -- FORMAT CSV\n FORMAT TSV\nx", "INSERT INTO t", "TSV", "x")]
    [InlineData("INSERT INTO t /* VALUES */ (`format`, \"values\") FORMAT Native\nx", "INSERT INTO t /* VALUES */ (`format`, \"values\")", "Native", "x")]
    [InlineData("INSERT INTO t SETTINGS async_insert = 0 FORMAT CSV\n1", "INSERT INTO t SETTINGS async_insert = 0", "CSV", "1")]
    [InlineData("INSERT INTO t VALUES (1, 'FORMAT x')", "INSERT INTO t", "Values", " (1, 'FORMAT x')")]
    [InlineData("INSERT INTO t (a) SELECT 1 FORMAT", "", null, "")]
    public void Insert_IsSplitIntoStatementFormatAndData(string text, string statement, string? format, string data)
    {
        var bytes = Encoding.UTF8.GetBytes(text);

        var info = StatementScanner.Scan(bytes, complete: true);

        if (format is null)
        {
            Assert.Equal(StatementKind.Query, info.Kind);
            return;
        }

        Assert.Equal(StatementKind.InsertWithData, info.Kind);
        Assert.Equal(statement, Encoding.UTF8.GetString(bytes, 0, info.StatementLength));
        Assert.Equal(format, info.Format);
        Assert.Equal(data, Encoding.UTF8.GetString(bytes, info.DataOffset, bytes.Length - info.DataOffset));
    }

    [Fact]
    public void Insert_IsDecidedAsSoonAsTheFormatNameAndItsNewlineArrive()
    {
        var text = "INSERT INTO t FORMAT RowBinary\n"u8.ToArray();

        for (var length = 0; length < text.Length; length++)
        {
            Assert.Equal(StatementKind.Incomplete, StatementScanner.Scan(text.AsSpan(0, length), complete: false).Kind);
        }

        var info = StatementScanner.Scan(text, complete: false);
        Assert.Equal(StatementKind.InsertWithData, info.Kind);
        Assert.Equal(text.Length, info.DataOffset);
    }

    [Theory]
    [InlineData("SELECT 1 FORMAT JSONEachRow", "JSONEachRow")]
    [InlineData("SELECT 1 FORMAT CSV SETTINGS max_threads = 1", "CSV")]
    [InlineData("SELECT 1 FORMAT Vertical;", "Vertical")]
    [InlineData("SELECT format FROM t", null)]
    [InlineData("SELECT format, 1 FROM t", null)]
    [InlineData("SELECT format('{}', 'x')", null)]
    [InlineData("SELECT 'FORMAT CSV'", null)]
    [InlineData("SELECT (SELECT 1 FORMAT CSV)", null)]
    public void Query_ReportsItsOutputFormatClause(string text, string? format)
    {
        var info = StatementScanner.Scan(Encoding.UTF8.GetBytes(text), complete: true);

        Assert.Equal(StatementKind.Query, info.Kind);
        Assert.Equal("SELECT", info.FirstKeyword);
        Assert.Equal(format, info.Format);
    }

    [Theory]
    [InlineData("SELECT 1; SELECT 2", StatementKind.MultipleStatements)]
    [InlineData("SELECT 1;DROP TABLE t", StatementKind.MultipleStatements)]
    [InlineData("SELECT 1;", StatementKind.Query)]
    [InlineData("SELECT 1 ; -- done\n", StatementKind.Query)]
    [InlineData("SELECT ';' , `a;b`", StatementKind.Query)]
    public void Semicolons_SeparateStatementsOnlyOutsideStringsAndAtTheEnd(string text, StatementKind kind)
    {
        Assert.Equal(kind, StatementScanner.Scan(Encoding.UTF8.GetBytes(text), complete: true).Kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   -- only a comment\n")]
    public void Empty_HasNoFirstKeyword(string text)
    {
        Assert.Equal(string.Empty, StatementScanner.Scan(Encoding.UTF8.GetBytes(text), complete: true).FirstKeyword);
    }
}
