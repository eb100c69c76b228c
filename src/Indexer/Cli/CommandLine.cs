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
        if (parse.Errors.Count > 0 && parse.CommandResult.Command.Name == "decode")
        {
            // decode's output is JSON (../shared/docs/decode-cli.md): an unknown flag or a missing value is an answer
            // object with "error" on stdout, the reason on stderr, and exit code 2 (the input could not be read).
            var message = "decode: " + string.Join("; ", parse.Errors.Select(e => e.Message));
            await Console.Out.WriteLineAsync(Explorer.Protocols.Decoding.DecodeJson.Serialize(
                Explorer.Protocols.Decoding.DecodeAnswer.Failed(null, message)));
            await Console.Error.WriteLineAsync(message);
            return 2;
        }
        return await parse.InvokeAsync();
    }
}
