using System.Net;
using Explorer.Indexer.OpenAssets;

namespace Explorer.Indexer.Tests.OpenAssets;

/// <summary>Addresses the asset definition fetcher may connect to (public unicast only; loopback only when allowed).</summary>
[Trait("Category", "Unit")]
public class AddressPolicyTests
{
    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("93.184.216.34", true)]
    [InlineData("2606:4700::1111", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("127.1.2.3", false)]
    [InlineData("::1", false)]
    [InlineData("10.0.0.1", false)]
    [InlineData("172.16.5.4", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("192.168.0.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("255.255.255.255", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fc00::1", false)]
    [InlineData("fd12:3456::1", false)]
    [InlineData("ff02::1", false)]
    [InlineData("::", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("::ffff:8.8.8.8", true)]
    [InlineData("64:ff9b::a9fe:a9fe", false)]
    [InlineData("2001:db8::1", false)]
    public void Policy(string address, bool allowed)
    {
        Assert.Equal(allowed, AddressPolicy.IsAllowed(IPAddress.Parse(address), allowLoopback: false));
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("10.0.0.1", false)]
    [InlineData("169.254.169.254", false)]
    public void AllowLoopback_OnlyOpensLoopback(string address, bool allowed) =>
        Assert.Equal(allowed, AddressPolicy.IsAllowed(IPAddress.Parse(address), allowLoopback: true));
}
