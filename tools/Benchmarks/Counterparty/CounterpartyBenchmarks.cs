using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Explorer.Protocols.Counterparty;
using Explorer.Protocols.Decoding;
using NBitcoin;

namespace Explorer.Benchmarks.Counterparty;

/// <summary>
/// Counterparty extraction, ARC4 and message decoding (docs/counterparty.md records the numbers).
/// Run: dotnet run -c Release --project tools/Benchmarks -- --filter *Counterparty* --job short
/// </summary>
[MemoryDiagnoser]
public class CounterpartyBenchmarks
{
    private static readonly byte[] Key = Convert.FromHexString("e43c357b78baf473fd21cbc1481ac450746b60cf1d2702ce3a73a8811811e3eb");
    private readonly byte[] _chunk = new byte[62];
    private readonly byte[] _output = new byte[62];
    private Transaction _opReturnTx = null!;
    private Transaction _multisigTx = null!;
    private byte[] _sendData = null!;
    private byte[] _issuanceCbor = null!;
    private byte[] _mpma = null!;
    private Block _block = null!;

    [GlobalSetup]
    public void Setup()
    {
        var prev = "e43c357b78baf473fd21cbc1481ac450746b60cf1d2702ce3a73a8811811e3eb";
        _sendData = MessageEncoder.Send(697326324582, 100000000, false);
        _opReturnTx = Build(prev, CounterpartyEncoder.OpReturn(Key, "CNTRPRTY", _sendData));
        var source = new Key(Convert.FromHexString("1111111111111111111111111111111111111111111111111111111111111111")).PubKey;
        var text = MessageEncoder.Broadcast(1388000000, 1.0, 0, new string('x', 120), true, true);
        _multisigTx = Build(prev, [.. CounterpartyEncoder.Multisig(Key, "CNTRPRTY", text, source)]);
        _issuanceCbor = MessageEncoder.IssuanceCbor(22, 785635, 1000, true, false, false, "text/plain", "description"u8.ToArray());
        _mpma = Convert.FromHexString("00000003" + "00026f4e5638a01efbb2f292481797ae1dcfcdaeb98d006f8d6ae8a3b381663118b4e1eff4cfc7d0954dd6ec400000000000000060000000005f5e10040000000017d78400");
        _block = Block.Load(File.ReadAllBytes(FindBlock()), Network.Main);
    }

    private static Transaction Build(string prev, params Script[] scripts)
    {
        var tx = Network.Main.CreateTransaction();
        tx.Inputs.Add(new OutPoint(uint256.Parse(prev), 0));
        foreach (var s in scripts) tx.Outputs.Add(Money.Satoshis(7800), s);
        tx.Outputs.Add(Money.Satoshis(100000), new Key(Convert.FromHexString("2222222222222222222222222222222222222222222222222222222222222222")).PubKey.Hash.ScriptPubKey);
        return tx;
    }

    private static string FindBlock()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "tests", "Protocols.Tests", "data", "counterparty", "block413567.raw");
            if (File.Exists(path)) return path;
        }
        throw new FileNotFoundException("tests/Protocols.Tests/data/counterparty/block413567.raw not found above " + AppContext.BaseDirectory);
    }

    [Benchmark(Description = "ARC4 62-byte multisig chunk")]
    public void Arc4Chunk() => Arc4.Transform(Key, _chunk, _output);

    [Benchmark(Description = "Extract OP_RETURN send")]
    public int ExtractOpReturn() => CounterpartyExtractor.Extract(_opReturnTx, [], CounterpartyRules.Mainnet, null, "CNTRPRTY").Value!.Data.Length;

    [Benchmark(Description = "Extract 3-output multisig broadcast")]
    public int ExtractMultisig() => CounterpartyExtractor.Extract(_multisigTx, [], CounterpartyRules.Mainnet, null, "CNTRPRTY").Value!.Data.Length;

    [Benchmark(Description = "Decode classic send")]
    public int DecodeSend() => CounterpartyMessageDecoder.Decode(_sendData, CounterpartyRules.Mainnet, 400000).Message!.Fields.Length;

    [Benchmark(Description = "Decode CBOR issuance")]
    public int DecodeIssuanceCbor() => CounterpartyMessageDecoder.Decode(_issuanceCbor, CounterpartyRules.Mainnet, null).Message!.Fields.Length;

    [Benchmark(Description = "Decode MPMA (2 sends)")]
    public int DecodeMpma() => CounterpartyMessageDecoder.Decode(_mpma, CounterpartyRules.Regtest with { TaprootSupport = int.MaxValue }, null).Message!.Fields.Length;

    [Benchmark(Description = "Answer for every tx of block 413567 (1557 txs)")]
    public int ScanBlock()
    {
        var found = 0;
        foreach (var tx in _block.Transactions)
            if (CounterpartyAnswerBuilder.Build(new DecodeRequest(tx, ImmutableArray<TxOut?>.Empty, [], 413567, Network.Main, "CNTRPRTY")) is not null) found++;
        return found;
    }
}
