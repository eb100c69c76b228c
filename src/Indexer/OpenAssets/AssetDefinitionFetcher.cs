using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Explorer.Protocols.OpenAssets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Explorer.Indexer.OpenAssets;

/// <summary>
/// Fetches the asset definition file behind an asset definition pointer (<c>u=...</c>), off the indexing path.
/// Spec: https://github.com/OpenAssets/open-assets-protocol/blob/master/asset-definition-protocol.mediawiki#asset-definition-file
/// Safety: HTTP and HTTPS only (redirects too, and never to another scheme), a whole-fetch timeout, a size cap, no
/// automatic decompression, no proxy, and every connection (redirects included) goes only to addresses that
/// <see cref="AddressPolicy"/> allows, checked on the resolved IPs that are then connected to (no DNS rebinding gap).
/// Results, failures included, are cached in memory with a cap; concurrent fetches of one URL share one request.
/// </summary>
public sealed partial class AssetDefinitionFetcher : IDisposable
{
    private readonly AssetDefinitionFetcherOptions _options;
    private readonly HttpClient _http;
    private readonly BoundedCache<string, AssetDefinitionFetchResult> _cache;
    private readonly ConcurrentDictionary<string, Lazy<Task<AssetDefinitionFetchResult>>> _inFlight = new();
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _disposing = new();

    public AssetDefinitionFetcher(IOptions<AssetDefinitionFetcherOptions> options, ILogger<AssetDefinitionFetcher>? logger = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _cache = new BoundedCache<string, AssetDefinitionFetchResult>(_options.CacheCapacity, time ?? TimeProvider.System);
        var allowLoopback = _options.AllowLoopback;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false, // redirects are followed by hand so that each scheme is checked
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = _options.Timeout,
            ConnectCallback = (context, ct) => ConnectAsync(context.DnsEndPoint, allowLoopback, ct),
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan, MaxResponseContentBufferSize = _options.MaxBytes };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(_options.UserAgent);
    }

    /// <summary>
    /// The definition behind <paramref name="pointer"/>. When <paramref name="assetId"/> is given, the file must list
    /// it: "Clients must verify that the ID of the asset is listed in this array."
    /// </summary>
    public async Task<AssetDefinitionFetchResult> FetchAsync(AssetDefinitionPointer pointer, OaAssetId? assetId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        var key = pointer.Sha256 is { } h ? pointer.Url + "#sha256=" + Convert.ToHexStringLower(h.Span) : pointer.Url;
        if (!_cache.TryGet(key, out var result))
        {
            // The shared fetch belongs to no single caller: one caller giving up must not fail the others. It is
            // bounded by the fetch timeout and stopped when the fetcher is disposed.
            var lazy = _inFlight.GetOrAdd(key, _ => new Lazy<Task<AssetDefinitionFetchResult>>(() => FetchAndCacheAsync(key, pointer, _disposing.Token)));
            result = await lazy.Value.WaitAsync(ct);
        }
        if (!result.IsSuccess || assetId is not { } id) return result;
        foreach (var listed in result.Definition!.AssetIds)
            if (OaAssetId.TryParse(listed, out var parsed, out _) && parsed == id) return result;
        return AssetDefinitionFetchResult.Fail(FetchFailure.AssetIdNotListed, $"asset_ids does not list {id}");
    }

    private async Task<AssetDefinitionFetchResult> FetchAndCacheAsync(string key, AssetDefinitionPointer pointer, CancellationToken ct)
    {
        try
        {
            var result = await FetchUncachedAsync(pointer, ct);
            if (!result.IsSuccess) LogFetchFailed(_logger, pointer.Url, result.Failure, result.Message);
            // A shutdown is not a property of the URL: do not remember it.
            if (!ct.IsCancellationRequested)
                _cache.Set(key, result, result.IsSuccess ? _options.SuccessCacheDuration : _options.FailureCacheDuration);
            return result;
        }
        finally
        {
            // From here on callers find the cache (or fetch afresh after a shutdown); the shared fetch is done.
            _inFlight.TryRemove(key, out _);
        }
    }

    private async Task<AssetDefinitionFetchResult> FetchUncachedAsync(AssetDefinitionPointer pointer, CancellationToken ct)
    {
        // "The asset definition URL can use any valid URI scheme (...). Clients are free to choose which subset to support."
        if (!Uri.TryCreate(pointer.Url, UriKind.Absolute, out var uri) || !IsHttp(uri))
            return AssetDefinitionFetchResult.Fail(FetchFailure.UnsupportedScheme, $"only http and https URLs are fetched: {pointer.Url}");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.Timeout);
        var allHttps = uri.Scheme == Uri.UriSchemeHttps;
        try
        {
            for (var redirects = 0; ; redirects++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                var status = (int)response.StatusCode;
                if (status is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    // "Clients must follow HTTP redirections when retrieving the asset metadata file"
                    if (redirects >= _options.MaxRedirects)
                        return AssetDefinitionFetchResult.Fail(FetchFailure.TooManyRedirects, $"more than {_options.MaxRedirects} redirects");
                    var next = location.IsAbsoluteUri ? location : new Uri(uri, location);
                    if (!IsHttp(next))
                        return AssetDefinitionFetchResult.Fail(FetchFailure.BadRedirect, $"redirect to a non-HTTP URL: {next}");
                    // "the full redirection chain must use HTTPS for the proof of authenticity to be valid"
                    allHttps &= next.Scheme == Uri.UriSchemeHttps;
                    uri = next;
                    continue;
                }
                if (!response.IsSuccessStatusCode)
                    return AssetDefinitionFetchResult.Fail(FetchFailure.HttpStatus, $"HTTP {status} from {uri}");
                if (response.Content.Headers.ContentLength > _options.MaxBytes)
                    return AssetDefinitionFetchResult.Fail(FetchFailure.TooLarge, $"{response.Content.Headers.ContentLength} bytes, limit {_options.MaxBytes}");

                var body = await ReadCappedAsync(response.Content, timeout.Token);
                if (body is null)
                    return AssetDefinitionFetchResult.Fail(FetchFailure.TooLarge, $"more than {_options.MaxBytes} bytes");
                var sha = SHA256.HashData(body);
                // "If a hash is provided in the asset definition pointer, the file is verified against it."
                if (pointer.Sha256 is { } expected && !expected.Span.SequenceEqual(sha))
                    return AssetDefinitionFetchResult.Fail(FetchFailure.HashMismatch, "the file's SHA-256 differs from the pointer's");
                if (!AssetDefinitionParser.TryParse(body, out var definition, out var error))
                    return AssetDefinitionFetchResult.Fail(FetchFailure.InvalidDefinition, error);
                return AssetDefinitionFetchResult.Ok(definition with
                {
                    FinalUrl = uri.ToString(),
                    Sha256 = Convert.ToHexStringLower(sha),
                    AllHttps = allHttps,
                });
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return AssetDefinitionFetchResult.Fail(FetchFailure.Timeout, $"no complete answer within {_options.Timeout}");
        }
        catch (HttpRequestException ex) when (FindBlocked(ex) is { } blocked)
        {
            return AssetDefinitionFetchResult.Fail(FetchFailure.BlockedAddress, blocked.Message);
        }
        catch (HttpRequestException ex)
        {
            return AssetDefinitionFetchResult.Fail(FetchFailure.Network, ex.Message);
        }
        catch (IOException ex)
        {
            return AssetDefinitionFetchResult.Fail(FetchFailure.Network, ex.Message);
        }
    }

    private async Task<byte[]?> ReadCappedAsync(HttpContent content, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > _options.MaxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static bool IsHttp(Uri uri) => uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps;

    private static BlockedAddressException? FindBlocked(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
            if (ex is BlockedAddressException blocked) return blocked;
        return null;
    }

    /// <summary>Resolves the host, keeps only allowed addresses and connects to one of those very addresses.</summary>
    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, bool allowLoopback, CancellationToken ct)
    {
        var host = endpoint.Host.TrimStart('[').TrimEnd(']');
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = addresses.Where(a => AddressPolicy.IsAllowed(a, allowLoopback)).ToArray();
        if (allowed.Length == 0) throw new BlockedAddressException(endpoint.Host, addresses);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endpoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _disposing.Cancel();
        _disposing.Dispose();
        _http.Dispose();
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Asset definition {Url} not fetched: {Failure} {Detail}")]
    private static partial void LogFetchFailed(ILogger logger, string url, FetchFailure failure, string? detail);
}
