using System.CommandLine;
using Explorer.Protocols.Decoding;
using NBitcoin;

namespace Explorer.Indexer.Cli;

/// <summary>
/// <c>decode --tx HEX [--prevout N=SCRIPTHEX:SATS]... [--height H] [--network main|test|regtest]</c> and
/// <c>decode --batch FILE</c>, exactly as ../shared/docs/decode-cli.md specifies. Exit code 0 unless the input
/// could not be read at all; a bad request gives an answer object with "error" and the run goes on.
/// </summary>
public static class DecodeCommand
{
    public static Command Create()
    {
        var tx = new Option<string?>("--tx") { Description = "raw transaction hex" };
        var prevouts = new Option<string[]>("--prevout")
        {
            Description = "previous output of input N: N=SCRIPTHEX:SATS (repeatable)",
            AllowMultipleArgumentsPerToken = false,
            Arity = ArgumentArity.ZeroOrMore,
        };
        // Text, checked by DecodeSingle: "--height abc" is a malformed request (an answer with "error", exit 0 as the
        // contract says), not a parse failure that prints the help to stdout.
        var height = new Option<string?>("--height") { Description = "block height (Counterparty rules)" };
        var network = new Option<string>("--network") { Description = "main, test or regtest", DefaultValueFactory = _ => "main" };
        var xcpPrefix = new Option<string?>("--xcp-prefix") { Description = "Counterparty prefix (test suites)" };
        var batch = new Option<string?>("--batch") { Description = "JSON lines file, or - for stdin" };

        var command = new Command("decode", "Decode the colored-coin content of transactions")
        {
            tx, prevouts, height, network, xcpPrefix, batch,
        };
        command.SetAction(async (parse, ct) =>
        {
            var stdout = Console.Out;
            var batchPath = parse.GetValue(batch);
            // One or the other: --tx was silently ignored before.
            if (batchPath is not null && parse.GetValue(tx) is not null)
                return await RefuseAsync("decode: give --tx HEX or --batch FILE, not both");
            if (batchPath is not null)
                return await RunBatchAsync(batchPath, stdout, ct);

            var txHex = parse.GetValue(tx);
            if (txHex is null)
                return await RefuseAsync("decode: give --tx HEX or --batch FILE");
            var answer = DecodeArguments(txHex, parse.GetValue(prevouts) ?? [], parse.GetValue(height),
                parse.GetValue(network) ?? "main", parse.GetValue(xcpPrefix));
            await stdout.WriteLineAsync(DecodeJson.Serialize(answer));
            return 0;
        });
        return command;
    }

    /// <summary>Arguments that cannot be read (the contract's "input could not be read at all"): decode's output is JSON,
    /// so an answer object with "error" on stdout, the reason on stderr, exit code 2.</summary>
    public static async Task<int> RefuseAsync(string message)
    {
        await Console.Out.WriteLineAsync(DecodeJson.Serialize(DecodeAnswer.Failed(null, message)));
        await Console.Error.WriteLineAsync(message);
        return 2;
    }

    public static DecodeAnswer DecodeSingle(string txHex, IReadOnlyList<string> prevoutArgs, int? height, string networkName, string? xcpPrefix) =>
        DecodeArguments(txHex, prevoutArgs, height?.ToString(System.Globalization.CultureInfo.InvariantCulture), networkName, xcpPrefix);

    /// <summary>The command line's own values, as text: a malformed one is the answer's "error".</summary>
    public static DecodeAnswer DecodeArguments(string txHex, IReadOnlyList<string> prevoutArgs, string? heightText, string networkName, string? xcpPrefix)
    {
        if (!DecodeJson.TryParseNetwork(networkName, out var network))
            return DecodeAnswer.Failed(null, "--network must be main, test or regtest");
        if (!DecodeJson.TryParseTransaction(txHex, network, out var transaction, out var error))
            return DecodeAnswer.Failed(null, error);
        int? height = null;
        if (heightText is not null)
        {
            if (!int.TryParse(heightText, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var h))
                return DecodeAnswer.Failed(transaction.GetHash().ToString(), $"--height must be a non-negative integer below 2^31, not '{heightText}'");
            if (h < 0)
                return DecodeAnswer.Failed(transaction.GetHash().ToString(), "--height must be non-negative");
            height = h;
        }

        var prevouts = new TxOut?[transaction.Inputs.Count];
        foreach (var arg in prevoutArgs)
        {
            if (!TryParsePrevout(arg, out var index, out var txOut) || index >= prevouts.Length)
                return DecodeAnswer.Failed(transaction.GetHash().ToString(),
                    $"--prevout '{arg}' must be N=SCRIPTHEX:SATS with N an input index below {prevouts.Length}");
            prevouts[index] = txOut;
        }
        var request = new DecodeRequest(transaction, [.. prevouts], [], height, network,
            string.IsNullOrEmpty(xcpPrefix) ? DecodeRequest.DefaultXcpPrefix : xcpPrefix);
        return TransactionDecoder.Decode(request);
    }

    private static bool TryParsePrevout(string arg, out int index, out TxOut txOut)
    {
        index = -1;
        txOut = null!;
        var eq = arg.IndexOf('=', StringComparison.Ordinal);
        var colon = arg.LastIndexOf(':');
        if (eq <= 0 || colon <= eq) return false;
        if (!int.TryParse(arg.AsSpan(0, eq), out index) || index < 0) return false;
        if (!DecodeJson.TryParseHex(arg[(eq + 1)..colon], out var script)) return false;
        if (!long.TryParse(arg.AsSpan(colon + 1), out var sats) || sats < 0) return false;
        txOut = new TxOut(Money.Satoshis(sats), new Script(script));
        return true;
    }

    private static async Task<int> RunBatchAsync(string path, TextWriter stdout, CancellationToken ct)
    {
        TextReader reader;
        try
        {
            reader = path == "-" ? Console.In : new StreamReader(path);
        }
        catch (IOException ex)
        {
            await Console.Error.WriteLineAsync($"decode: cannot read {path}: {ex.Message}");
            return 1;
        }
        catch (UnauthorizedAccessException ex)
        {
            await Console.Error.WriteLineAsync($"decode: cannot read {path}: {ex.Message}");
            return 1;
        }
        using (reader)
        {
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                if (string.IsNullOrWhiteSpace(line)) continue;
                await stdout.WriteLineAsync(DecodeJson.Serialize(DecodeJson.DecodeLine(line)));
            }
        }
        await stdout.FlushAsync(ct);
        return 0;
    }
}
