namespace Explorer.Fuzz.Tests;

/// <summary>The harness itself: seeds exist for every target, mutations are reproducible, and the watchdog and the
/// exception trap do report (otherwise the replay tests could pass vacuously).</summary>
public class HarnessTests
{
    [Fact]
    public void Every_target_has_seeds_from_the_vectors()
    {
        var corpus = SeedCorpus.Load();
        Assert.NotEmpty(corpus.Transactions);
        foreach (var t in FuzzTargets.All)
            Assert.True(t.Seeds(corpus).Count > 0, $"{t.Name} has no seeds");
    }

    /// <summary>The multisig target must reach the hash reading: each payload decodes, and on a seed built by
    /// ColuMultisigHashes.BuildOutput the answer names output 0 as the multisig output.</summary>
    [Fact]
    public void Multisig_seeds_reach_the_multisig_hash_reading()
    {
        var target = FuzzTargets.Find("colu-multisig")!;
        var seeds = target.Seeds(SeedCorpus.Load());
        for (var selector = 0; selector < FuzzTargets.MultisigPayloads.Length; selector++)
        {
            Assert.True(Explorer.Protocols.Colu.ColuPayloadDecoder.Decode(FuzzTargets.MultisigPayloads[selector]).IsSuccess, $"payload {selector}");
            var keys = Explorer.Protocols.Colu.ColuPayloadDecoder.Decode(FuzzTargets.MultisigPayloads[selector]).Value!.MultiSig.Length + 1;
            var seed = seeds.First(s => s[0] == selector && s.Length == 1 + 3 + keys * 34);
            var answer = Explorer.Protocols.Colu.ColuAnswerBuilder.Build(Explorer.Protocols.Decoding.DecodeRequest.For(FuzzTargets.MultisigTransaction(seed)));

            Assert.NotNull(answer);
            Assert.Equal(0, answer.MultisigOutput);
        }
    }

    [Fact]
    public void Mutations_are_deterministic_for_a_seed()
    {
        var corpus = SeedCorpus.Load().Transactions;
        var a = new Mutator(7, corpus);
        var b = new Mutator(7, corpus);
        var c = new Mutator(8, corpus);
        var fromA = Enumerable.Range(0, 200).Select(_ => Convert.ToHexString(a.Next(FuzzInputKind.Transaction))).ToList();
        var fromB = Enumerable.Range(0, 200).Select(_ => Convert.ToHexString(b.Next(FuzzInputKind.Transaction))).ToList();
        var fromC = Enumerable.Range(0, 200).Select(_ => Convert.ToHexString(c.Next(FuzzInputKind.Transaction))).ToList();
        Assert.Equal(fromA, fromB);
        Assert.NotEqual(fromA, fromC);
        Assert.True(fromA.Distinct().Count() > 150, "mutations should mostly differ");
    }

    [Fact]
    public void The_watchdog_reports_a_call_that_does_not_end()
    {
        using var release = new ManualResetEventSlim();
        var stuck = new FuzzTarget("stuck", FuzzInputKind.Bytes, "blocks on its third call", data =>
        {
            if (data.Length == 3) release.Wait();
        }, _ => []);
        try
        {
            var report = MutationRun.Run(stuck, [[1], [1, 2], [1, 2, 3], [4]], 0, 1, TimeSpan.FromMilliseconds(500));

            Assert.True(report.Hung);
            Assert.Equal(2, report.Executions);
            Assert.Contains("HANG", report.Findings.Single(), StringComparison.Ordinal);
            Assert.Contains("010203", report.Findings.Single(), StringComparison.Ordinal);
        }
        finally
        {
            release.Set();
        }
    }

    [Fact]
    public void An_escaping_exception_is_recorded_with_its_input()
    {
        var throwing = new FuzzTarget("throwing", FuzzInputKind.Bytes, "throws on 0xff", data =>
        {
            if (data.Length > 0 && data[0] == 0xff) throw new InvalidOperationException("boom");
        }, _ => []);

        var report = MutationRun.Run(throwing, [[0x00], [0xff, 0x01], [0x02]], 0, 1, TimeSpan.FromSeconds(5));

        Assert.False(report.Hung);
        Assert.Equal(3, report.Executions);
        Assert.Equal(1, report.Exceptions);
        Assert.Contains("ff01", report.Findings.Single(), StringComparison.Ordinal);
        Assert.Contains("boom", report.Findings.Single(), StringComparison.Ordinal);
    }
}
