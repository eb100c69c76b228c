using System.Security.Cryptography;
using System.Text;
using Explorer.Indexer.OpenAssets;
using Explorer.Protocols.OpenAssets;
using Microsoft.Extensions.Options;

namespace Explorer.Indexer.Tests.OpenAssets;

/// <summary>
/// The asset definition fetcher against a local HTTP server on 127.0.0.1.
/// Spec: https://github.com/OpenAssets/open-assets-protocol/blob/master/asset-definition-protocol.mediawiki#asset-definition-file
/// </summary>
[Trait("Category", "Unit")]
public sealed class AssetDefinitionFetcherTests : IAsyncDisposable
{
    private static readonly OaAssetId Asset = OaAssetId.FromScript(Convert.FromHexString("76a914010966776006953d5567439e5e39f86a0d273bee88ac"));
    private static readonly byte[] Definition = Encoding.UTF8.GetBytes($$"""
        {"asset_ids": ["{{Asset.ToBase58()}}"], "name_short": "SPEC", "name": "Spec example asset",
         "issuer": "Example", "divisibility": 2, "link_to_website": false, "version": "1.0"}
        """);

    private readonly LocalHttpServer _server = new();

    // 15 s, under each test's 20 s limit: a class's first request pays the JIT of HttpClient and HttpListener, which on a
    // machine busy with the other test assemblies can pass 5 s and turn the expected failure into a Timeout (only
    // SlowServers_TimeOut is about the timeout, and it gives its own).
    private static AssetDefinitionFetcher Fetcher(bool allowLoopback = true, int maxBytes = 64 * 1024, double timeoutSeconds = 15, int cache = 100) =>
        new(Options.Create(new AssetDefinitionFetcherOptions
        {
            AllowLoopback = allowLoopback, MaxBytes = maxBytes, Timeout = TimeSpan.FromSeconds(timeoutSeconds), CacheCapacity = cache,
        }));

    private static AssetDefinitionPointer Pointer(string url, byte[]? sha256 = null) =>
        new(url, sha256 is null ? (ReadOnlyMemory<byte>?)null : sha256);

    [Fact(Timeout = 20_000)]
    public async Task ValidDefinition_IsFetched_ThenServedFromTheCache()
    {
        _server.MapBytes("/def.json", Definition);
        using var fetcher = Fetcher();

        var result = await fetcher.FetchAsync(Pointer(_server.Url("/def.json")), Asset, CancellationToken.None);
        Assert.True(result.IsSuccess, result.Message);
        var d = result.Definition!;
        Assert.Equal(("SPEC", "Spec example asset", 2, "text/plain"), (d.NameShort, d.Name, d.Divisibility, d.DescriptionMime));
        Assert.Equal(Asset.ToBase58(), Assert.Single(d.AssetIds));
        Assert.False(d.AllHttps);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Definition)), d.Sha256);

        var again = await fetcher.FetchAsync(Pointer(_server.Url("/def.json")), null, CancellationToken.None);
        Assert.True(again.IsSuccess);
        Assert.Equal(1, _server.Requests);
    }

    [Fact(Timeout = 20_000)]
    public async Task Loopback_IsRefusedByDefault()
    {
        _server.MapBytes("/def.json", Definition);
        using var fetcher = Fetcher(allowLoopback: false);

        var byIp = await fetcher.FetchAsync(Pointer(_server.Url("/def.json")), null, CancellationToken.None);
        Assert.Equal(FetchFailure.BlockedAddress, byIp.Failure);
        var byName = await fetcher.FetchAsync(Pointer($"http://localhost:{_server.Port}/def.json"), null, CancellationToken.None);
        Assert.Equal(FetchFailure.BlockedAddress, byName.Failure);
        Assert.Equal(0, _server.Requests);
    }

    [Theory(Timeout = 20_000)]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.1.2.3/def.json")]
    [InlineData("http://[fe80::1]/def.json")]
    [InlineData("http://192.168.1.1:8080/def.json")]
    public async Task RedirectToAPrivateAddress_IsRefused_EvenWithLoopbackAllowed(string target)
    {
        _server.MapRedirect("/r", target);
        using var fetcher = Fetcher();
        var result = await fetcher.FetchAsync(Pointer(_server.Url("/r")), null, CancellationToken.None);
        Assert.Equal(FetchFailure.BlockedAddress, result.Failure);
        Assert.Equal(1, _server.Requests);
    }

    [Theory(Timeout = 20_000)]
    [InlineData("ftp://example.com/def.json")]
    [InlineData("file:///etc/passwd")]
    public async Task RedirectToAnotherScheme_IsRefused(string target)
    {
        _server.MapRedirect("/r", target);
        using var fetcher = Fetcher();
        Assert.Equal(FetchFailure.BadRedirect, (await fetcher.FetchAsync(Pointer(_server.Url("/r")), null, CancellationToken.None)).Failure);
    }

    [Fact(Timeout = 20_000)]
    public async Task Redirects_AreFollowed_UpToTheLimit()
    {
        _server.MapBytes("/def.json", Definition);
        _server.MapRedirect("/a", "/b", 301);
        _server.MapRedirect("/b", _server.Url("/def.json"), 307);
        _server.MapRedirect("/loop", "/loop");
        using var fetcher = Fetcher();

        var ok = await fetcher.FetchAsync(Pointer(_server.Url("/a")), null, CancellationToken.None);
        Assert.True(ok.IsSuccess, ok.Message);
        Assert.Equal(_server.Url("/def.json"), ok.Definition!.FinalUrl);
        Assert.Equal(FetchFailure.TooManyRedirects, (await fetcher.FetchAsync(Pointer(_server.Url("/loop")), null, CancellationToken.None)).Failure);
    }

    [Fact(Timeout = 20_000)]
    public async Task LargeFiles_AreRefused_WithOrWithoutContentLength()
    {
        var big = new byte[10_000];
        _server.MapBytes("/big", big);
        _server.Map("/chunked", async (ctx, ct) =>
        {
            ctx.Response.SendChunked = true;
            for (var i = 0; i < 10; i++) await ctx.Response.OutputStream.WriteAsync(new byte[1000], ct);
            ctx.Response.Close();
        });
        using var fetcher = Fetcher(maxBytes: 4096);
        Assert.Equal(FetchFailure.TooLarge, (await fetcher.FetchAsync(Pointer(_server.Url("/big")), null, CancellationToken.None)).Failure);
        Assert.Equal(FetchFailure.TooLarge, (await fetcher.FetchAsync(Pointer(_server.Url("/chunked")), null, CancellationToken.None)).Failure);
    }

    [Fact(Timeout = 20_000)]
    public async Task SlowServers_TimeOut()
    {
        _server.Map("/slow", async (ctx, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct); // never answers until the server stops
            ctx.Response.Close();
        });
        using var fetcher = Fetcher(timeoutSeconds: 0.5);
        var result = await fetcher.FetchAsync(Pointer(_server.Url("/slow")), null, CancellationToken.None);
        Assert.Equal(FetchFailure.Timeout, result.Failure);
    }

    [Fact(Timeout = 20_000)]
    public async Task Sha256_IsChecked()
    {
        _server.MapBytes("/def.json", Definition);
        using var fetcher = Fetcher();
        var good = await fetcher.FetchAsync(Pointer(_server.Url("/def.json"), SHA256.HashData(Definition)), null, CancellationToken.None);
        Assert.True(good.IsSuccess, good.Message);
        var bad = await fetcher.FetchAsync(Pointer(_server.Url("/def.json"), new byte[32]), null, CancellationToken.None);
        Assert.Equal(FetchFailure.HashMismatch, bad.Failure);
    }

    [Fact(Timeout = 20_000)]
    public async Task InvalidFiles_AndUnlistedAssets_AreRefused()
    {
        _server.MapBytes("/notjson", "<html>"u8.ToArray());
        _server.MapBytes("/noname", """{"asset_ids": [], "name": "x"}"""u8.ToArray());
        _server.MapBytes("/def.json", Definition);
        using var fetcher = Fetcher();
        Assert.Equal(FetchFailure.InvalidDefinition, (await fetcher.FetchAsync(Pointer(_server.Url("/notjson")), null, CancellationToken.None)).Failure);
        Assert.Equal(FetchFailure.InvalidDefinition, (await fetcher.FetchAsync(Pointer(_server.Url("/noname")), null, CancellationToken.None)).Failure);
        Assert.Equal(FetchFailure.HttpStatus, (await fetcher.FetchAsync(Pointer(_server.Url("/missing")), null, CancellationToken.None)).Failure);
        var other = OaAssetId.FromScript([0x51]);
        Assert.Equal(FetchFailure.AssetIdNotListed, (await fetcher.FetchAsync(Pointer(_server.Url("/def.json")), other, CancellationToken.None)).Failure);
    }

    [Fact(Timeout = 20_000)]
    public async Task NonHttpPointers_AreNotFetched()
    {
        using var fetcher = Fetcher();
        Assert.Equal(FetchFailure.UnsupportedScheme, (await fetcher.FetchAsync(Pointer("magnet:?xt=urn:btih:abc"), null, CancellationToken.None)).Failure);
        Assert.Equal(FetchFailure.UnsupportedScheme, (await fetcher.FetchAsync(Pointer("ftp://127.0.0.1/x"), null, CancellationToken.None)).Failure);
        Assert.Equal(0, _server.Requests);
    }

    [Fact(Timeout = 20_000)]
    public async Task Cache_IsCapped()
    {
        _server.MapBytes("/a", Definition);
        _server.MapBytes("/b", Definition);
        using var fetcher = Fetcher(cache: 1);
        foreach (var path in new[] { "/a", "/b", "/a" })
            Assert.True((await fetcher.FetchAsync(Pointer(_server.Url(path)), null, CancellationToken.None)).IsSuccess);
        Assert.Equal(3, _server.Requests); // "/a" was evicted by "/b"
    }

    [Fact(Timeout = 20_000)]
    public async Task ConcurrentCallers_ShareOneRequest_AndOneGivingUpDoesNotFailTheOther()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.Map("/gated", async (ctx, ct) =>
        {
            await gate.Task.WaitAsync(ct);
            ctx.Response.ContentLength64 = Definition.Length;
            await ctx.Response.OutputStream.WriteAsync(Definition, ct);
            ctx.Response.Close();
        });
        using var fetcher = Fetcher();
        using var impatient = new CancellationTokenSource();
        var first = fetcher.FetchAsync(Pointer(_server.Url("/gated")), null, impatient.Token);
        var second = fetcher.FetchAsync(Pointer(_server.Url("/gated")), null, CancellationToken.None);

        await impatient.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        gate.SetResult();
        Assert.True((await second).IsSuccess);
        Assert.Equal(1, _server.Requests);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
