using System.Net;
using System.Net.Sockets;

namespace Explorer.Indexer.OpenAssets;

/// <summary>
/// Which IP addresses the asset definition fetcher may connect to: public unicast only. Refused: loopback, private
/// (RFC 1918, IPv6 ULA), link-local (including 169.254.169.254 cloud metadata), carrier-grade NAT, "this network",
/// multicast, broadcast, documentation/benchmark/reserved ranges, and IPv4-mapped/NAT64 forms of those.
/// Loopback alone can be allowed for tests.
/// </summary>
public static class AddressPolicy
{
    public static bool IsAllowed(IPAddress address, bool allowLoopback)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (IPAddress.IsLoopback(address)) return allowLoopback;
        if (address.IsIPv4MappedToIPv6) return IsAllowed(address.MapToIPv4(), allowLoopback);
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IsPublicV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => IsPublicV6(address),
            _ => false,
        };
    }

    private static bool IsPublicV4(byte[] b) => !(
        b[0] == 0                                        // 0.0.0.0/8 "this network"
        || b[0] == 10                                    // 10.0.0.0/8 private
        || b[0] == 127                                   // loopback (handled above too)
        || (b[0] == 100 && (b[1] & 0xC0) == 64)          // 100.64.0.0/10 carrier-grade NAT
        || (b[0] == 169 && b[1] == 254)                  // 169.254.0.0/16 link-local (cloud metadata)
        || (b[0] == 172 && (b[1] & 0xF0) == 16)          // 172.16.0.0/12 private
        || (b[0] == 192 && b[1] == 0 && b[2] == 0)       // 192.0.0.0/24 IETF protocol assignments
        || (b[0] == 192 && b[1] == 0 && b[2] == 2)       // 192.0.2.0/24 documentation
        || (b[0] == 192 && b[1] == 88 && b[2] == 99)     // 192.88.99.0/24 6to4 relay
        || (b[0] == 192 && b[1] == 168)                  // 192.168.0.0/16 private
        || (b[0] == 198 && (b[1] & 0xFE) == 18)          // 198.18.0.0/15 benchmarking
        || (b[0] == 198 && b[1] == 51 && b[2] == 100)    // 198.51.100.0/24 documentation
        || (b[0] == 203 && b[1] == 0 && b[2] == 113)     // 203.0.113.0/24 documentation
        || b[0] >= 224);                                 // multicast, reserved, broadcast

    private static bool IsPublicV6(IPAddress address)
    {
        if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.Equals(IPAddress.IPv6None))
            return false;
        var b = address.GetAddressBytes();
        if ((b[0] & 0xFE) == 0xFC) return false;         // fc00::/7 unique local
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8) return false; // 2001:db8::/32 documentation
        // 64:ff9b::/96 NAT64 and ::a.b.c.d (IPv4-compatible): judge the embedded IPv4 address.
        var nat64 = b[0] == 0 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0;
        var compatible = b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0;
        if (nat64 || compatible) return IsPublicV4(b[12..]);
        return (b[0] & 0xE0) == 0x20;                    // 2000::/3 global unicast only
    }
}
