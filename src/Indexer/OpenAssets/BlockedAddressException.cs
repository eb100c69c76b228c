using System.Net;

namespace Explorer.Indexer.OpenAssets;

/// <summary>Thrown by the fetcher's connect step when every address of a host is refused by <see cref="AddressPolicy"/>.</summary>
public sealed class BlockedAddressException : IOException
{
    public BlockedAddressException() { }

    public BlockedAddressException(string message) : base(message) { }

    public BlockedAddressException(string message, Exception inner) : base(message, inner) { }

    public BlockedAddressException(string host, IEnumerable<IPAddress> addresses)
        : base($"{host} resolves only to refused addresses ({string.Join(", ", addresses)})") { }
}
