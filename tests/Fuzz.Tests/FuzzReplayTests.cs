using System.Globalization;
using Explorer.Protocols.Counterparty;

namespace Explorer.Fuzz.Tests;

/// <summary>
/// The short, deterministic CI form of the fuzz harness (tools/Fuzz; the long coverage-guided form is scripts/fuzz.sh):
/// every target's seed corpus (built from the vectors in tests/Protocols.Tests/data, each of which cites its source in
/// that folder's README/JSON) is replayed, then a fixed-seed mutation loop runs through the same target in process.
/// Contract under test (../shared/docs/style.md): "Decoders never throw on malformed input (typed errors)"; and every
/// call ends (a per-call watchdog turns a stuck call into a failure naming the input).
/// </summary>
public class FuzzReplayTests
{
    private const int MutationsPerTarget = 20_000;
    private const int MutationsPerMessageType = 1_500;
    private const int Seed = 20261128;
    private static readonly TimeSpan PerCall = TimeSpan.FromSeconds(10);
    private static readonly Lazy<SeedCorpus> Corpus = new(() => SeedCorpus.Load());

    public static TheoryData<string> Targets() => [.. FuzzTargets.All.Select(t => t.Name)];

    public static TheoryData<int> MessageTypeIds()
    {
        var ids = new TheoryData<int>();
        foreach (var f in typeof(MessageTypes).GetFields().Where(f => f.IsLiteral && f.FieldType == typeof(int)))
            ids.Add((int)f.GetRawConstantValue()!);
        return ids;
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Seeds_and_mutations_never_throw_nor_hang(string name)
    {
        var target = FuzzTargets.Find(name)!;
        var seeds = target.Seeds(Corpus.Value);

        var report = MutationRun.Run(target, seeds, MutationsPerTarget, Seed, PerCall);

        Assert.False(report.Hung, string.Join('\n', report.Findings));
        Assert.True(report.Exceptions == 0, $"{report.Exceptions} exception(s):\n" + string.Join('\n', report.Findings));
        Assert.Equal(seeds.Count + MutationsPerTarget, report.Executions);
    }

    /// <summary>Message decoding per type: the type ID (short and long form) stays fixed, the body is mutated, and the
    /// rules era cycles with the body length, so every message decoder sees malformed bodies under every layout.</summary>
    [Theory]
    [MemberData(nameof(MessageTypeIds))]
    public void Message_bodies_of_each_type_never_throw_nor_hang(int typeId)
    {
        var messages = FuzzTargets.Find("xcp-message")!;
        var bodies = new List<byte[]> { Array.Empty<byte>(), new byte[8], new byte[64] };
        foreach (var seed in messages.Seeds(Corpus.Value))
        {
            var data = seed.AsSpan(1);
            foreach (var shortIds in (bool[])[true, false])
                if (MessageTypes.TryUnpack(data, shortIds, out var id, out var length) && id == typeId)
                    bodies.Add(data[length..].ToArray());
        }
        var eras = FuzzTargets.MessageEras.Length;
        var typed = new FuzzTarget($"xcp-message-{typeId}", FuzzInputKind.Bytes, "one message type", body =>
        {
            var era = (byte)(body.Length % eras);
            foreach (var shortIds in (bool[])[true, false])
                messages.Run([era, .. MessageTypes.Pack(typeId, shortIds), .. body]);
        }, _ => bodies);

        var report = MutationRun.Run(typed, bodies, MutationsPerMessageType, Seed + typeId, PerCall);

        Assert.False(report.Hung, string.Join('\n', report.Findings));
        Assert.True(report.Exceptions == 0, $"type {typeId.ToString(CultureInfo.InvariantCulture)}: {report.Exceptions} exception(s):\n" + string.Join('\n', report.Findings));
    }
}
