using Explorer.Web.Tests.Store;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Explorer.Web.Tests.Indexed;

/// <summary>
/// The web app over the Core regtest fixture indexed up to block <see cref="IndexedTip"/> only, with a mempool as a
/// node saw it then: the Open Assets transfer e3e26dd9… (mined later in block 112, spending the issuance's colored
/// output 6f8dd3ca…:0), the fixture's own unconfirmed Counterparty send e45cae6f…, and the invalid transfer 19db198d…
/// which was seen and then removed (a newer version with is_removed = 1).
/// </summary>
public sealed class MempoolWebFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const int IndexedTip = 111;

    public static readonly DateTime Seen = new(2026, 11, 28, 6, 0, 0, DateTimeKind.Utc);

    private StoreDatabase? _store;

    public StoreDatabase Store => _store ?? throw new InvalidOperationException("not initialized");

    public RegtestTruth Truth { get; } = RegtestTruth.Load();

    public string OaTransfer => Truth.Tx("transfer").GetProperty("txid").GetString()!;

    public string OaIssuance => Truth.Tx("issuance").GetProperty("txid").GetString()!;

    public string Removed => Truth.Tx("invalid transfer").GetProperty("txid").GetString()!;

    public System.Text.Json.JsonElement XcpUnconfirmed => Truth.Root.GetProperty("transactions").EnumerateArray()
        .Single(t => t.TryGetProperty("mempool", out var m) && m.GetBoolean());

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        _store = await StoreDatabase.CreateAsync(timeout.Token);
        await RegtestIndexing.IndexAsync(_store, timeout.Token, IndexedTip);
        await MempoolRows.InsertAsync(_store, Hex(Truth.Tx("transfer")), Seen, ct: timeout.Token);
        await MempoolRows.InsertAsync(_store, Hex(XcpUnconfirmed), Seen.AddSeconds(30), ct: timeout.Token);
        await MempoolRows.InsertAsync(_store, Hex(Truth.Tx("invalid transfer")), Seen.AddSeconds(10), ct: timeout.Token);
        await MempoolRows.InsertAsync(_store, Hex(Truth.Tx("invalid transfer")), Seen.AddSeconds(10), version: 2, removed: true, ct: timeout.Token);
    }

    public static string Hex(System.Text.Json.JsonElement tx) => tx.GetProperty("hex").GetString()!;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ClickHouse:ConnectionString", Store.ServerConnectionString);
        builder.UseSetting("ClickHouse:Database", Store.Name);
        builder.UseSetting("ClickHouse:ApplyMigrations", "false");
        builder.UseSetting("Web:Network", "regtest");
    }
}
