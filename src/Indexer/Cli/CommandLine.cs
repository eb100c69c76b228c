using System.CommandLine;

namespace Explorer.Indexer.Cli;

/// <summary>The verbs of <c>run.sh</c> that this program serves: decode, index and bench.</summary>
public static class CommandLine
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Colored-coin indexer and tools");
        root.Subcommands.Add(DecodeCommand.Create());
        root.Subcommands.Add(IndexCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        return await root.Parse(args).InvokeAsync();
    }
}
