using System.Diagnostics;
using System.Text.Json;

namespace Explorer.Indexer.Tests;

/// <summary>
/// <c>decode</c> as outside suites run it: a process, JSON on stdout, the exit code. Contract
/// (../shared/docs/decode-cli.md): "Both print JSON to stdout ... The exit code is 0 unless the input could not be read
/// at all; a malformed request or transaction gives an object with an "error" string on that line and the run goes on."
/// </summary>
[Trait("Category", "Integration")]
public sealed class DecodeCommandProcessTests
{
    // A one-input transaction with a CNTRPRTY OP_RETURN (built for these tests; its content does not matter here).
    private const string Tx = "010000000122222222222222222222222222222222222222222222222222222222222222220000000000ffffffff01"
        + "00000000000000001e6a1ce4216c5c9f4ff1c104a9f0baa300d1e69ab4f8f4e3a07f60d2444c3800000000";

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string stdin, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Explorer.Indexer.dll"));
        info.ArgumentList.Add("decode");
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static JsonElement[] Lines(string stdout) =>
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToArray();

    [Theory]
    [InlineData("abc", "--height")]
    [InlineData("99999999999", "--height")]
    [InlineData("-1", "non-negative")]
    public async Task A_malformed_height_is_an_error_answer_with_exit_0(string height, string expected)
    {
        var (exit, stdout, _) = await RunAsync("", "--tx", Tx, "--height", height);
        Assert.Equal(0, exit);
        var answer = Assert.Single(Lines(stdout));
        Assert.Contains(expected, answer.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(64, answer.GetProperty("txid").GetString()!.Length);
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--tx")]
    [InlineData()]                              // neither --tx nor --batch
    [InlineData("--tx", Tx, "--batch", "-")]    // both
    public async Task Arguments_that_cannot_be_read_give_a_json_error_and_exit_2(params string[] args)
    {
        var (exit, stdout, stderr) = await RunAsync("", args);
        Assert.Equal(2, exit);
        Assert.StartsWith("decode: ", Assert.Single(Lines(stdout)).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(stderr));
    }

    [Fact]
    public async Task A_batch_goes_on_past_lines_with_fields_of_the_wrong_type()
    {
        var lines = new[]
        {
            $$"""{"tx":"{{Tx}}","height":"5"}""",
            $$"""{"tx":"{{Tx}}","prevouts":[{"script":"00","value":"1"}]}""",
            "not json",
            $$"""{"tx":"{{Tx}}"}""",
        };
        var (exit, stdout, _) = await RunAsync(string.Join('\n', lines) + "\n", "--batch", "-");
        Assert.Equal(0, exit);
        var answers = Lines(stdout);
        Assert.Equal(4, answers.Length);
        Assert.All(answers[..3], a => Assert.Equal(JsonValueKind.String, a.GetProperty("error").ValueKind));
        Assert.Equal(JsonValueKind.Null, answers[3].GetProperty("error").ValueKind);
        Assert.Equal(JsonValueKind.Object, answers[3].GetProperty("counterparty").ValueKind);
    }
}
