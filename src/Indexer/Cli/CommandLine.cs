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
        var parse = root.Parse(args);
        // decode's output is JSON (../shared/docs/decode-cli.md): an unknown flag or a missing value is refused as JSON too.
        if (parse.Errors.Count > 0 && parse.CommandResult.Command.Name == "decode")
            return await DecodeCommand.RefuseAsync("decode: " + string.Join("; ", parse.Errors.Select(e => e.Message)));
        return await parse.InvokeAsync();
    }
}
