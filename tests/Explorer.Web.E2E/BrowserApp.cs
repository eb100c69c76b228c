using System.Net;
using Explorer.Web.Tests.Store;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Explorer.Web.E2E;

/// <summary>
/// The real web app under Kestrel on a free 127.0.0.1 port (WebApplicationFactory.UseKestrel, .NET 10), over a real
/// store (a migrated database on the embedded ClickHouse with blocks 0..<see cref="Tip"/>), and Debian's chromium
/// driven by Playwright. Playwright never downloads a browser: chromium comes from scripts/setup-chromium.sh.
/// </summary>
public class BrowserApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const uint Tip = 12;

    /// <summary>Environment variable naming the chromium binary (default /usr/bin/chromium).</summary>
    public const string ChromiumVariable = "EXPLORER_CHROMIUM";

    private StoreDatabase? _store;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public StoreDatabase Store => _store ?? throw new InvalidOperationException("not initialized");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("not initialized");

    /// <summary>http://127.0.0.1:PORT (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = "";

    public static string ChromiumPath => Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } p ? p : "/usr/bin/chromium";

    /// <summary>artifacts/screenshots at the repository root (git-ignored; test.sh keeps artifacts/).</summary>
    public static string ScreenshotFolder { get; } = FindScreenshotFolder();

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new FileNotFoundException(
                $"chromium not found at {ChromiumPath}: run scripts/setup-chromium.sh (or set {ChromiumVariable} to a chromium binary)",
                ChromiumPath);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        _store = await StoreDatabase.CreateAsync(timeout.Token);
        await SeedAsync(_store, timeout.Token);

        UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.Single().TrimEnd('/');

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        // The machine is shared and loaded in CI: web-first assertions retry for up to 20 s (default 5 s).
        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
    }

    /// <summary>Fills the store: blocks 0..<see cref="Tip"/> and an orphaned fork block.</summary>
    protected virtual async Task SeedAsync(StoreDatabase store, CancellationToken ct)
    {
        await store.InsertChainAsync(0, Tip, ct);
        await store.InsertBlockAsync(Tip + 1, StoreDatabase.HashOf(Tip + 1, 'b'), orphaned: true, ct: ct);
    }

    /// <summary>The chain the web shows addresses for (Web:Network).</summary>
    protected virtual string Network => "main";

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        await DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ClickHouse:ConnectionString", Store.ServerConnectionString);
        builder.UseSetting("ClickHouse:Database", Store.Name);
        builder.UseSetting("ClickHouse:ApplyMigrations", "false");
        builder.UseSetting("Web:Network", Network);
    }

    /// <summary>A fresh browser context (own cookies) with a page of the given width.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    /// <summary>A full-page screenshot, scrolled to the top first (the fixed app bar and drawer stay at the top).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });
    }

    private static string FindScreenshotFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Explorer.sln")))
            dir = dir.Parent;
        var root = dir?.FullName ?? Path.GetTempPath();
        var folder = Path.Combine(root, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
