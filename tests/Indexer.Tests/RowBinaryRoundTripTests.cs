using Explorer.Indexer.Mempool;
using Explorer.Indexer.Pipeline;
using Explorer.Indexer.Storage;
using Explorer.Indexer.Tests.Support;

namespace Explorer.Indexer.Tests;

/// <summary>
/// Every table the indexer writes goes as RowBinary written by us (RowBinaryWriter): one row of each, with the values at
/// the edges of their column types (negative Int8/Int16/Int32/Int64, UInt64 above Int64, multi-byte UTF-8 and strings
/// longer than 127 bytes for the length varint, DateTime and DateTime64(3)), read back by SELECT as ClickHouse stored it.
/// </summary>
public sealed class RowBinaryRoundTripTests
{
    [Fact]
    public async Task Every_table_reads_back_what_was_written()
    {
        await using var harness = await IndexerHarness.CreateAsync("rowbinary");
        var time = new DateTime(2026, 11, 28, 10, 11, 12, DateTimeKind.Utc);
        var text = "ünïcødé ✓ " + new string('x', 300);
        var rows = new BlockRows(new BlockRow(7, "hash7", "hash6", time, 3, 1234, 2), 1234);
        rows.Transactions.Add(new ColoredTransactionRow("tx1", "colu", 7, "hash7", 2, "issuance", false, text, [0x00, 0xff], "{\"a\":1}") { RequestJson = "{\"height\":7}" });
        rows.Outputs.Add((new ColoredOutputRow("colu", "La1", "tx1", 4_000_000_000, 65535, ulong.MaxValue, "addr", "76a9", 5, 7, "hash7", "tx0",
            -1, -1, "hybrid") { SpentTxid = "tx9", SpentInput = 3, SpentHeight = 9 }, 11));
        rows.Assets.Add(new AssetRow("colu", "La1", text, "ab", "u=x", "https://d", -1, 1, "dispersed", "tx1", 7, "hash7"));
        rows.Events.Add(new AssetEventRow("colu", "La1", 7, "tx1", "transfer", 4, ulong.MaxValue - 1, "addr", -1, "hash7"));
        rows.Messages.Add(new CounterpartyMessageRow("tx1", 7, "hash7", 2, 20, "issuance", "opreturn", "src", "dst", "XCP", long.MinValue,
            -5, long.MaxValue, true, text, "14", "{}"));
        rows.Xcp.Journal.Add(new XcpJournalRow(7, "hash7", "tx1", 2, 0, "credit", "addr", "XCP", -42, "issuance", "valid", "A.b", true, false, true,
            text, "tx1", 7, "hash7"));
        await harness.Store.WriteAsync([rows], new VersionClock(), CancellationToken.None);

        var block = (await harness.QueryAsync<(uint, string, string, DateTime, uint, uint, uint)>(
            "SELECT height, hash, prev_hash, time, tx_count, size, colored_tx_count FROM blocks")).Single();
        Assert.Equal((7u, "hash7", "hash6", time, 3u, 1234u, 2u), (block.Item1, block.Item2, block.Item3, DateTime.SpecifyKind(block.Item4, DateTimeKind.Utc), block.Item5, block.Item6, block.Item7));
        var tx = (await harness.QueryAsync<(string, uint, uint, string, byte, string, string, string, string)>(
            "SELECT protocol, height, tx_index, kind, valid, error, raw_hex, answer_json, request_json FROM colored_transactions")).Single();
        Assert.Equal(("colu", 7u, 2u, "issuance", (byte)0, text, "00ff", "{\"a\":1}", "{\"height\":7}"), tx);
        var output = (await harness.QueryAsync<(uint, ushort, ulong, short, sbyte, string, string, uint, uint, ulong)>(
            "SELECT n, idx, quantity, divisibility, lock_status, aggregation_policy, spent_txid, spent_input, spent_height, version FROM colored_outputs")).Single();
        Assert.Equal((4_000_000_000u, (ushort)65535, ulong.MaxValue, (short)-1, (sbyte)-1, "hybrid", "tx9", 3u, 9u, 11UL), output);
        var asset = (await harness.QueryAsync<(string, short, sbyte, string)>("SELECT name, divisibility, lock_status, aggregation_policy FROM assets")).Single();
        Assert.Equal((text, (short)-1, (sbyte)1, "dispersed"), asset);
        var ev = (await harness.QueryAsync<(uint, ulong, int)>("SELECT seq, quantity, n FROM asset_events")).Single();
        Assert.Equal((4u, ulong.MaxValue - 1, -1), ev);
        var message = (await harness.QueryAsync<(int, long, long, long, byte, string)>(
            "SELECT message_type_id, quantity, btc_amount, fee, valid, error FROM counterparty_messages")).Single();
        Assert.Equal((20, long.MinValue, -5L, long.MaxValue, (byte)1, text), message);
        var journal = (await harness.QueryAsync<(long, byte, byte, byte, string, string)>(
            "SELECT quantity, divisible, locked, description_locked, description, longname FROM xcp_ledger")).Single();
        Assert.Equal((-42L, (byte)1, (byte)0, (byte)1, text, "A.b"), journal);

        var seen = new DateTime(2026, 11, 28, 10, 11, 12, 345, DateTimeKind.Utc);
        var mempool = new MempoolStore(harness.Client);
        await mempool.WriteAsync([(new MempoolRow("tx2", "openassets", "transfer", true, string.Empty, "01", text, seen), false)], 5, CancellationToken.None);
        var back = Assert.Single(await mempool.ReadCurrentAsync(CancellationToken.None));
        Assert.Equal(("tx2", "openassets", "transfer", true, "01", text, seen), (back.Txid, back.Protocol, back.Kind, back.Valid, back.RawHex, back.AnswerJson, back.FirstSeen));
    }
}
