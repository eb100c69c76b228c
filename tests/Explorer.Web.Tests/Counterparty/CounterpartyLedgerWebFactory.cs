extern alias indexer;

using ClickHouse.Driver;
using Explorer.Protocols.Counterparty;
using Explorer.Web.Tests.Store;
using indexer::Explorer.Indexer.Counterparty;
using indexer::Explorer.Indexer.Pipeline;
using indexer::Explorer.Indexer.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Explorer.Web.Tests.Counterparty;

/// <summary>
/// The web app over a store whose Counterparty ledger rows were written by the indexer's own ledger stage and store
/// (regtest): Alice burns 1 BTC, issues 1000 BASSET (0.5 XCP fee) and a markup-named description, sends 400 to Bob, and
/// Bob's send of 999 fails (insufficient funds); Alice issues two subassets of BASSET, BASSET.mixedCase.v1! and
/// BASSET.MIXEDCASE.v1!.
/// </summary>
public sealed class CounterpartyLedgerWebFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Alice = "mtQheFaSfWELRB2MyMBaiWjdDm6ux9Ezns";
    public const string Bob = "mvCounterpartyXXXXXXXXXXXXXXW24Hef";
    public const string Description = "<b>bold</b> & co";

    public const string LowerLongname = "BASSET.mixedCase.v1!";
    public const string UpperLongname = "BASSET.MIXEDCASE.v1!";
    public const ulong LowerSubasset = 95428956661682200, UpperSubasset = 95428956661682201;

    private StoreDatabase? _store;

    public StoreDatabase Store => _store ?? throw new InvalidOperationException("not initialized");

    public long AliceXcp { get; private set; }

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        _store = await StoreDatabase.CreateAsync(timeout.Token);
        using var client = new ClickHouseClient(_store.Server.GetConnectionString(_store.Name));
        var store = new ClickHouseStore(client);
        var clock = new VersionClock(await store.MaxVersionAsync(timeout.Token));
        var state = new ColoredUtxoSet();
        var rules = CounterpartyRules.Regtest;
        var stage = new CounterpartyLedgerStage(state, rules);
        AssetNames.TryGetId("BASSET", out var basset);
        var b = new BlockRows(new BlockRow(200, StoreDatabase.HashOf(200), StoreDatabase.HashOf(199), DateTime.UnixEpoch, 5, 1, 4), 1);
        stage.Apply(Txid(1), 1, 200, b.Block.Hash, Answer("burn", null, Alice, rules.Unspendable, 100_000_000), b);
        stage.Apply(Txid(2), 2, 200, b.Block.Hash, Answer("issuance", MessageEncoder.Issuance(20, basset, 1000, false, false, false, Description, true), Alice), b);
        var send = MessageEncoder.EnhancedSendCbor(basset, 400, PackedAddress.PackTagged(Bob, NBitcoin.Network.RegTest), []);
        stage.Apply(Txid(3), 3, 200, b.Block.Hash, Answer("enhanced_send", send, Alice), b);
        var tooMuch = MessageEncoder.EnhancedSendCbor(basset, 999, PackedAddress.PackTagged(Alice, NBitcoin.Network.RegTest), []);
        stage.Apply(Txid(4), 4, 200, b.Block.Hash, Answer("enhanced_send", tooMuch, Bob), b);
        // Two subassets of BASSET whose longnames differ only in the child's case (CIP 4: the child is case-sensitive).
        stage.Apply(Txid(5), 5, 200, b.Block.Hash, Answer("issuance", MessageEncoder.SubassetIssuance(MessageTypes.SubassetIssuance,
            LowerSubasset, 10, false, false, false, LowerLongname, "lower", true), Alice), b);
        stage.Apply(Txid(6), 6, 200, b.Block.Hash, Answer("issuance", MessageEncoder.SubassetIssuance(MessageTypes.SubassetIssuance,
            UpperSubasset, 20, false, false, false, UpperLongname, "upper", true), Alice), b);
        await store.WriteAsync([b], clock, timeout.Token);
        AliceXcp = state.XcpLedger.BalanceOf(Alice, "XCP") ?? 0;
    }

    public static string Txid(int i) => i.ToString("x64", System.Globalization.CultureInfo.InvariantCulture);

    private static CounterpartyAnswer Answer(string type, byte[]? data, string source, string? destination = null, long btc = 0) =>
        new(null, data is null ? string.Empty : Convert.ToHexStringLower(data), null, type, new Dictionary<string, object?>(), source, destination,
            btc, null, true, null, Explorer.Protocols.Common.RawView.Omitted);

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
