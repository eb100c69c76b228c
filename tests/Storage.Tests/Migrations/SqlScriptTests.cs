using Explorer.Storage.Migrations;

namespace Explorer.Storage.Tests.Migrations;

[Trait("Category", "Unit")]
public class SqlScriptTests
{
    [Fact]
    public void Splits_at_top_level_semicolons_only()
    {
        var sql = """
            -- a comment; with a semicolon
            CREATE TABLE a (s String DEFAULT 'x;y') ENGINE = Memory;
            /* block; comment */ CREATE TABLE `b;c` (n UInt8) ENGINE = Memory;
            SELECT "q;q", 'it\'s; fine';
            """;
        var statements = SqlScript.Split(sql);
        Assert.Equal(3, statements.Count);
        Assert.Equal("CREATE TABLE a (s String DEFAULT 'x;y') ENGINE = Memory", statements[0]);
        Assert.Equal("CREATE TABLE `b;c` (n UInt8) ENGINE = Memory", statements[1]);
        Assert.Equal("SELECT \"q;q\", 'it\\'s; fine'", statements[2]);
    }

    [Fact]
    public void Empty_and_comment_only_text_has_no_statements()
    {
        Assert.Empty(SqlScript.Split("  -- nothing\n /* at all */ ;; \n"));
    }

    [Theory]
    [InlineData("SELECT 'open")]
    [InlineData("SELECT 1 /* open")]
    public void Unterminated_quotes_or_comments_are_refused(string sql)
    {
        Assert.Throws<FormatException>(() => SqlScript.Split(sql));
    }

    [Theory]
    [InlineData("001_blocks.sql", true, 1, "blocks")]
    [InlineData("012_colored_outputs.sql", true, 12, "colored_outputs")]
    [InlineData("1_blocks.sql", false, 0, "")]
    [InlineData("001-blocks.sql", false, 0, "")]
    [InlineData("001_Blocks.sql", false, 0, "")]
    public void File_names_are_numbered(string file, bool ok, int version, string name)
    {
        Assert.Equal(ok, Migration.TryParseFileName(file, out var v, out var n));
        Assert.Equal(version, v);
        Assert.Equal(name, n);
    }

    [Fact]
    public void Checksum_ignores_line_ending_style_but_not_content()
    {
        var unix = Migration.FromText(1, "a", "CREATE TABLE t (x UInt8) ENGINE = Memory;\n");
        var dos = Migration.FromText(1, "a", "CREATE TABLE t (x UInt8) ENGINE = Memory;\r\n");
        var edited = Migration.FromText(1, "a", "CREATE TABLE t (x UInt16) ENGINE = Memory;\n");
        Assert.Equal(unix.Checksum, dos.Checksum);
        Assert.NotEqual(unix.Checksum, edited.Checksum);
    }

    [Fact]
    public void Shipped_migrations_load_in_order()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "sql");
        var migrations = Migration.LoadFolder(folder);
        Assert.NotEmpty(migrations);
        Assert.Equal(migrations.Select(m => m.Version).Order(), migrations.Select(m => m.Version));
        Assert.All(migrations, m => Assert.NotEmpty(SqlScript.Split(m.Sql)));
    }
}
