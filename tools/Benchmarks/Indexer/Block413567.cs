namespace Explorer.Benchmarks.Indexer;

/// <summary>Where the real mainnet block 413567 is (tests/Protocols.Tests/data/counterparty/block413567.raw, from
/// ../shared/fixtures/mainnet), searched upwards from the benchmark's folder.</summary>
internal static class Block413567
{
    public static string Path()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = System.IO.Path.Combine(dir.FullName, "tests", "Protocols.Tests", "data", "counterparty", "block413567.raw");
            if (File.Exists(path)) return path;
        }
        throw new FileNotFoundException("tests/Protocols.Tests/data/counterparty/block413567.raw not found above " + AppContext.BaseDirectory);
    }
}
