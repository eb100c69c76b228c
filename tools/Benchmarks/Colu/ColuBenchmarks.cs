using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Explorer.Protocols.Colu;
using Explorer.Protocols.Decoding;
using NBitcoin;

namespace Explorer.Benchmarks.Colu;

/// <summary>
/// Colu payload decoding and the transfer engine. Run: dotnet run -c Release --project tools/Benchmarks -- --filter *Colu*
/// Payloads are the vectors of ../shared/vectors/colu.json (cc-issuance-0x01, an 80-byte issuance with 11 payments, and
/// cc-transfer-0x15); the engine case is 4 inputs × 3 assets and 8 payments, the answer case a whole transaction.
/// </summary>
[MemoryDiagnoser]
public class ColuBenchmarks
{
    private readonly byte[] _issuance80 = Convert.FromHexString(
        "4343020146b7e0d000d69330ac1caa48c6559763828762e103ffdf3d6790a21c5fc97a62fe1abc5f66922d7dee3725261ce02e86f078d1900f0101010101010101010101010101010101010101010150");
    private readonly byte[] _transfer = Convert.FromHexString("43430215011f");

    private ImmutableArray<ImmutableArray<ColuAsset>> _inputs;
    private ColuPayment[] _payments = [];
    private DecodeRequest _request = null!;
    private DecodeRequest _leanRequest = null!;

    [GlobalSetup]
    public void Setup()
    {
        var builder = ImmutableArray.CreateBuilder<ImmutableArray<ColuAsset>>();
        for (var i = 0; i < 4; i++)
            builder.Add([new ColuAsset("A", 10, AggregationPolicy: ColuAggregationPolicy.Aggregatable),
                new ColuAsset("B", 5, AggregationPolicy: ColuAggregationPolicy.Dispersed),
                new ColuAsset("A", 7, AggregationPolicy: ColuAggregationPolicy.Aggregatable)]);
        _inputs = builder.ToImmutable();
        _payments = [.. Enumerable.Range(0, 8).Select(i => ColuPayment.Transfer(i / 2, i % 3, 6))];

        var tx = Network.Main.CreateTransaction();
        for (var i = 0; i < 4; i++) tx.Inputs.Add(new TxIn(new OutPoint(uint256.One, (uint)i)));
        for (var o = 0; o < 3; o++) tx.Outputs.Add(new TxOut(Money.Satoshis(600), new Script(OpcodeType.OP_TRUE)));
        tx.Outputs.Add(new TxOut(Money.Zero, new Script(OpcodeType.OP_RETURN, Op.GetPushOp(_issuance80))));
        _request = new DecodeRequest(tx, [new TxOut(Money.Satoshis(1000), new Script(OpcodeType.OP_TRUE))],
            [.. _inputs.Select(i => i.Select(a => new InputAsset("colu", a.AssetId!, a.Amount, AggregationPolicy: a.AggregationPolicy?.ToName())).ToImmutableArray())],
            null, Network.Main, DecodeRequest.DefaultXcpPrefix);
        _leanRequest = _request with { IncludeRaw = false };
    }

    [Benchmark]
    public ColuPayload? DecodeIssuance80Bytes() => ColuPayloadDecoder.Decode(_issuance80).Value;

    [Benchmark]
    public ColuPayload? DecodeIssuance80BytesValuesOnly() => ColuPayloadDecoder.Decode(_issuance80, withFields: false).Value;

    [Benchmark]
    public ColuPayload? DecodeTransfer6Bytes() => ColuPayloadDecoder.Decode(_transfer).Value;

    [Benchmark]
    public ColuPayload? DecodeTransfer6BytesValuesOnly() => ColuPayloadDecoder.Decode(_transfer, withFields: false).Value;

    [Benchmark]
    public ColuTransferResult TransferEngine4x3Assets8Payments() => ColuTransferEngine.Transfer(_inputs, _payments, 4);

    [Benchmark]
    public ColuAnswer? AnswerForWholeTransaction() => ColuAnswerBuilder.Build(_request);

    /// <summary>The indexer's decoding: the same answer without raw views (DecodeRequest.IncludeRaw = false).</summary>
    [Benchmark]
    public ColuAnswer? AnswerWithoutRawViews() => ColuAnswerBuilder.Build(_leanRequest);
}
