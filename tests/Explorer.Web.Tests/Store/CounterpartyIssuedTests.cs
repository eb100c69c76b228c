using Dapper;
using Explorer.Web.Services.Indexed;

namespace Explorer.Web.Tests.Store;

/// <summary>A Counterparty asset's "Issued" and issuance count leave out the issuances its ledger refused
/// (xcp_statuses), which the issuances list still shows with their verdict.</summary>
[Trait("Category", "Integration")]
public sealed class CounterpartyIssuedTests : IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(120));

    public void Dispose() => _timeout.Dispose();

    private CancellationToken Ct => _timeout.Token;

    [Fact]
    public async Task A_refused_issuance_issued_nothing()
    {
        var store = await StoreDatabase.CreateAsync(Ct);
        await using (var connection = store.Connect())
        {
            await connection.OpenAsync(Ct);
            // Two issuances of ASSETX (100 by t1, 50 by t2) and a transfer; the ledger applied t1 and refused t2.
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO asset_events (protocol, asset_id, height, txid, kind, seq, quantity, address, block_hash, version) VALUES
                  ('counterparty', 'ASSETX', 10, 't1', 'issuance', 0, 100, 'alice', 'h10', 1),
                  ('counterparty', 'ASSETX', 11, 't2', 'issuance', 0, 50, 'bob', 'h11', 1),
                  ('counterparty', 'ASSETX', 12, 't3', 'send', 0, 30, 'carol', 'h12', 1)
                """, cancellationToken: Ct));
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO xcp_ledger (height, block_hash, txid, tx_index, seq, kind, address, asset, quantity, action, status, version) VALUES
                  (10, 'h10', 't1', 1, 0, 'status', '', '', 0, 'issuance', 'valid', 1),
                  (11, 'h11', 't2', 1, 0, 'status', '', '', 0, 'issuance', 'invalid: asset already issued by another address', 1),
                  (12, 'h12', 't3', 1, 0, 'status', '', '', 0, 'send', 'valid', 1)
                """, cancellationToken: Ct));
        }
        var queries = store.IndexedQueries();

        var asset = await queries.GetAssetAsync("counterparty", "ASSETX", Ct);

        Assert.NotNull(asset);
        Assert.Equal((100UL, 1UL, 3UL), (asset.Issued, asset.IssuanceCount, asset.EventCount));
        Assert.Equal(["valid", "invalid: asset already issued by another address"], asset.Issuances.Select(i => i.LedgerStatus));
        Assert.True(asset.Issuances[1].RefusedByLedger);
    }
}
