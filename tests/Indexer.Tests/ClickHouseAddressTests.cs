using Explorer.Indexer.Cli;

namespace Explorer.Indexer.Tests;

[Trait("Category", "Unit")]
public sealed class ClickHouseAddressTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8123", "Host=127.0.0.1;Port=8123;Protocol=http;Username=default;Password=")]
    [InlineData("https://bob:s%3Acret@ch.example:8443/", "Host=ch.example;Port=8443;Protocol=https;Username=bob;Password=s:cret")]
    [InlineData("Host=h;Port=1", "Host=h;Port=1")]
    public void Urls_and_connection_strings(string given, string expected)
    {
        Assert.True(ClickHouseAddress.TryToConnectionString(given, out var cs));
        Assert.Equal(expected, cs);
    }

    [Theory]
    [InlineData("tcp://127.0.0.1:9000")]
    [InlineData("localhost")]
    public void Refuses_what_is_not_http(string given) => Assert.False(ClickHouseAddress.TryToConnectionString(given, out _));
}
