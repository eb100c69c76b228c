using System.Text.Json;
using Explorer.ChainForge;

namespace Explorer.Indexer.Tests.Support;

/// <summary>A chain forged into a temp folder (blocks + truth.json), removed on dispose.</summary>
public sealed class ForgedChain : IDisposable
{
    public ForgedChain(ScenarioSettings settings)
    {
        Directory = Path.Combine(Path.GetTempPath(), "indexer-forge-" + Guid.NewGuid().ToString("N"));
        ScenarioRunner.Run(settings, Directory);
        Truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, "truth.json")));
    }

    public string Directory { get; }

    public string BlocksDirectory => Path.Combine(Directory, "blocks");

    public JsonDocument Truth { get; }

    public void Dispose()
    {
        Truth.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
