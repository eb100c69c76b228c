using Explorer.ChainForge;

namespace Explorer.Indexer.Tests.Support;

/// <summary>The forged chains the indexer tests share (forged once per test run): demo seed 1 and a small reorg scenario.</summary>
public sealed class ForgedChains : IDisposable
{
    private readonly Lazy<ForgedChain> _demo = new(() => new ForgedChain(ScenarioSettings.Preset("demo") with { Seed = 1, Blocks = 200 }));
    private readonly Lazy<ForgedChain> _reorg = new(() => new ForgedChain(ScenarioSettings.Preset("reorg") with { Seed = 2, Blocks = 115, ReorgDepths = [1, 3, 12] }));

    public ForgedChain Demo => _demo.Value;

    public ForgedChain Reorg => _reorg.Value;

    public void Dispose()
    {
        if (_demo.IsValueCreated) _demo.Value.Dispose();
        if (_reorg.IsValueCreated) _reorg.Value.Dispose();
    }
}
