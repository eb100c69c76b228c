namespace Explorer.BlockFiles.Tests;

/// <summary>Paths of the data copied into the test output.</summary>
internal static class TestData
{
    /// <summary>
    /// A blocks folder written by Bitcoin Core 29.99 in regtest (copied from ../shared/fixtures/core-regtest, see its README.md):
    /// 120 blocks, active chain to height 117, 2 stale blocks, 119 undo records, obfuscated with xor.dat.
    /// </summary>
    public static string CoreRegtest => Path.Combine(AppContext.BaseDirectory, "data", "core-regtest");

    public static string CoreRegtestBlocks => Path.Combine(CoreRegtest, "blocks");
}
