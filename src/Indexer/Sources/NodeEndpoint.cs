using System.Net;

namespace Explorer.Indexer.Sources;

/// <summary>
/// Where the node is and how to log in: user and password, or Core's cookie file (<c>__cookie__:password</c>, rewritten
/// at every node start, so it is read again for every pass). bcoin takes any user and its API key as the password.
/// </summary>
public sealed record NodeEndpoint(Uri Url, string? User, string? Password, string? CookieFile)
{
    /// <summary>The credentials to send (null: none).</summary>
    public NetworkCredential? ReadCredential()
    {
        if (CookieFile is { Length: > 0 } path)
        {
            string text;
            try
            {
                text = File.ReadAllText(path).Trim();
            }
            catch (IOException ex)
            {
                throw new NodeSourceException($"cannot read the RPC cookie file '{path}': {ex.Message}", ex) { Call = "cookie" };
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new NodeSourceException($"cannot read the RPC cookie file '{path}': {ex.Message}", ex) { Call = "cookie" };
            }
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) throw new NodeSourceException($"the RPC cookie file '{path}' does not hold user:password") { Call = "cookie" };
            return new NetworkCredential(text[..colon], text[(colon + 1)..]);
        }
        if (User is null && Password is null && Url.UserInfo.Length > 0)
        {
            var parts = Url.UserInfo.Split(':', 2);
            return new NetworkCredential(Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : string.Empty);
        }
        return User is null && Password is null ? null : new NetworkCredential(User ?? string.Empty, Password ?? string.Empty);
    }

    /// <summary>The URL without user info (what is logged and what requests go to).</summary>
    public Uri BaseUrl => new UriBuilder(Url) { UserName = string.Empty, Password = string.Empty }.Uri;
}
