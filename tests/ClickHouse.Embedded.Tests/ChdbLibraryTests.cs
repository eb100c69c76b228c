using Explorer.ClickHouse.Embedded.Native;

namespace Explorer.ClickHouse.Embedded.Tests;

/// <summary>Where the host looks for libchdb.so, and what it says when the library is not there.</summary>
[Trait("Category", "Unit")]
public sealed class ChdbLibraryTests
{
    [Fact]
    public void ResolvePath_PrefersChdbLibPath()
    {
        var path = ChdbLibrary.ResolvePath(name => name == "CHDB_LIB_PATH" ? "/opt/chdb/libchdb.so" : "/xdg", "/home/u");

        Assert.Equal("/opt/chdb/libchdb.so", path);
    }

    [Theory]
    [InlineData("/xdg", "/xdg/explorer/chdb/package/libchdb.so")]
    [InlineData(null, "/home/u/.cache/explorer/chdb/package/libchdb.so")]
    public void ResolvePath_DefaultsToTheSetupScriptsCache(string? xdgCacheHome, string expected)
    {
        var path = ChdbLibrary.ResolvePath(name => name == "XDG_CACHE_HOME" ? xdgCacheHome : null, "/home/u");

        Assert.Equal(expected, path);
    }

    [Fact]
    public void MissingLibrary_NamesTheSetupScriptAndTheVariable()
    {
        var exception = ChdbLibrary.MissingLibrary("/nowhere/libchdb.so");

        Assert.Contains("scripts/setup-chdb.sh", exception.Message, StringComparison.Ordinal);
        Assert.Contains("CHDB_LIB_PATH", exception.Message, StringComparison.Ordinal);
        Assert.Contains("/nowhere/libchdb.so", exception.Message, StringComparison.Ordinal);
    }
}
