using Explorer.Web.Tests.Store;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Explorer.Web.Tests.Indexed;

/// <summary>
/// The web app over the Core regtest fixture indexed up to block <see cref="IndexedTip"/> only, with a mempool as a
/// node saw it then: the Open Assets transfer e3e26dd9… (mined later in block 112, spending the issuance's colored
/// output 6f8dd3ca…:0), the fixture's own unconfirmed Counterparty send e45cae6f… (first seen when Core's mempool took
/// it: its entry's "time" in the fixture's getrawmempool answer, <see cref="CoreEntry"/>), and the invalid transfer
/// 19db198d… which was seen and then removed (a newer version with is_removed = 1).
/// </summary>
public sealed class MempoolWebFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const int IndexedTip = 111;

    /// <summary>When the Open Assets transfer was seen: 30 s before Core's mempool took the Counterparty send.</summary>
    public static readonly DateTime Seen = new(2026, 11, 28, 3, 31, 34, DateTimeKind.Utc);

    private StoreDatabase? _store;

    public StoreDatabase Store => _store ?? throw new InvalidOperationException("not initialized");

    public RegtestTruth Truth { get; } = RegtestTruth.Load();

    public string OaTransfer => Truth.Tx("transfer").GetProperty("txid").GetString()!;

    public string OaIssuance => Truth.Tx("issuance").GetProperty("txid").GetString()!;

    public string Removed => Truth.Tx("invalid transfer").GetProperty("txid").GetString()!;

    public System.Text.Json.JsonElement XcpUnconfirmed => Truth.Root.GetProperty("transactions").EnumerateArray()
        .Single(t => t.TryGetProperty("mempool", out var m) && m.GetBoolean());

    /// <summary>Core's <c>getrawmempool true</c> entry of the unconfirmed Counterparty send (the fixture's rpc answers).</summary>
    public System.Text.Json.JsonElement CoreEntry
    {
        get
        {
            using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(RegtestTruth.Folder, "rpc", "getrawmempool.json")));
            return doc.RootElement.GetProperty(XcpUnconfirmed.GetProperty("txid").GetString()!).Clone();
        }
    }

    /// <summary>When Core's mempool took the Counterparty send (its entry's "time", seconds since the epoch).</summary>
    public DateTime XcpSeen => DateTime.UnixEpoch.AddSeconds(CoreEntry.GetProperty("time").GetInt64());

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        _store = await StoreDatabase.CreateAsync(timeout.Token);
        await RegtestIndexing.IndexAsync(_store, timeout.Token, IndexedTip);
        await MempoolRows.InsertAsync(_store, Hex(Truth.Tx("transfer")), Seen, ct: timeout.Token);
        await MempoolRows.InsertAsync(_store, Hex(XcpUnconfirmed), XcpSeen, ct: timeout.Token);
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
