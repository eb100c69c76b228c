using Dapper;

namespace Explorer.Web.Tests.Store;

/// <summary>sql/012: the balances view keeps positive Counterparty ledger sums only, filtered before the conversion to
/// UInt64 (005 filtered the converted value, so a negative sum passed as 2^64 - n).</summary>
[Trait("Category", "Integration")]
public sealed class BalancesViewTests : IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(120));

    public void Dispose() => _timeout.Dispose();

    private CancellationToken Ct => _timeout.Token;

    [Fact]
    public async Task A_negative_ledger_sum_is_no_balance_and_a_positive_one_is()
    {
        var store = await StoreDatabase.CreateAsync(Ct);
        await using var connection = store.Connect();
        await connection.OpenAsync(Ct);
        // Address "neg" is credited 5 and debited 9 of ASSETA (a journal the ledger stage would not write); "pos" is
        // credited 7.
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO xcp_ledger (height, block_hash, txid, tx_index, seq, kind, address, asset, quantity, action, version) VALUES
              (1, 'h1', 't1', 1, 0, 'credit', 'neg', 'ASSETA', 5, 'send', 1),
              (2, 'h2', 't2', 1, 0, 'debit', 'neg', 'ASSETA', 9, 'send', 1),
              (2, 'h2', 't2', 1, 1, 'credit', 'pos', 'ASSETA', 7, 'send', 1)
            """, cancellationToken: Ct));

        var rows = (await connection.QueryAsync<(string Address, ulong Quantity)>(new CommandDefinition(
            "SELECT address AS Address, quantity AS Quantity FROM balances WHERE protocol = 'counterparty' ORDER BY address",
            cancellationToken: Ct))).ToList();

        Assert.Equal([("pos", 7UL)], rows);
    }
}
