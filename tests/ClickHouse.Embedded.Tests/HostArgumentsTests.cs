namespace Explorer.ClickHouse.Embedded.Tests;

/// <summary>The host's command line, as run.sh calls it: <c>--port P --path DIR</c>.</summary>
[Trait("Category", "Unit")]
public sealed class HostArgumentsTests
{
    [Fact]
    public void Parses_PortAndPath()
    {
        Assert.True(HostArguments.TryParse(["--port", "9000", "--path", "/data/ch"], out var arguments, out _));
        Assert.Equal(new HostArguments(9000, "/data/ch"), arguments);
    }

    [Fact]
    public void Defaults_ToPort8123AndTheIgnoredDataFolder()
    {
        Assert.True(HostArguments.TryParse([], out var arguments, out _));
        Assert.Equal(new HostArguments(8123, Path.Combine(".data", "clickhouse")), arguments);
    }

    [Theory]
    [InlineData("--port", "http")]
    [InlineData("--port", "70000")]
    [InlineData("--verbose", "1")]
    [InlineData("--port")]
    public void Rejects_BadArguments(params string[] args)
    {
        Assert.False(HostArguments.TryParse(args, out var arguments, out var problem));
        Assert.Null(arguments);
        Assert.NotEmpty(problem);
    }
}
