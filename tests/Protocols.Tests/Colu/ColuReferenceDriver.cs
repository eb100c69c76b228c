using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Explorer.Protocols.Tests.Colu;

/// <summary>
/// Runs tests/colu-reference/driver.js (Colu's own npm packages) once for a whole batch of JSON-lines cases.
/// The packages come from scripts/setup-colu-reference.sh; COLU_REF_DIR overrides the default folder
/// ${XDG_CACHE_HOME:-$HOME/.cache}/explorer/colu-ref. A missing install fails the test, naming the script.
/// </summary>
public static class ColuReferenceDriver
{
    public const string SetupScript = "scripts/setup-colu-reference.sh";

    public static string ReferenceDirectory()
    {
        var fromEnv = Environment.GetEnvironmentVariable("COLU_REF_DIR");
        if (!string.IsNullOrEmpty(fromEnv)) return fromEnv;
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrEmpty(cache)) cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(cache, "explorer", "colu-ref");
    }

    /// <summary>Sends every case (one JSON object per line, each with a unique "id") and returns the answers by id.</summary>
    public static Dictionary<long, JsonElement> Run(IReadOnlyList<string> caseLines)
    {
        var dir = ReferenceDirectory();
        foreach (var package in new[] { "cc-transaction", "cc-get-assets-outputs", "cc-assetid-encoder" })
        {
            if (!Directory.Exists(Path.Combine(dir, "node_modules", package)))
                Assert.Fail($"Colu reference package {package} not found in {dir}. Run {SetupScript} (or set COLU_REF_DIR to its install folder).");
        }
        var driver = Path.Combine(AppContext.BaseDirectory, "colu-reference", "driver.js");
        Assert.True(File.Exists(driver), $"driver not found at {driver}");

        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(driver);
        start.ArgumentList.Add(dir);
        Process? started = null;
        try { started = Process.Start(start); }
        catch (System.ComponentModel.Win32Exception ex) { Assert.Fail($"Node.js (node) could not be started: {ex.Message}. Install Node.js and run {SetupScript}."); }
        using var process = started ?? throw new InvalidOperationException("could not start node");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        foreach (var line in caseLines) process.StandardInput.WriteLine(line);
        process.StandardInput.Close();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), "node driver timed out");
        Assert.True(process.ExitCode == 0, $"node driver failed ({process.ExitCode}): {stderr.Result}");

        var answers = new Dictionary<long, JsonElement>();
        foreach (var line in stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var doc = JsonDocument.Parse(line);
            answers[doc.RootElement.GetProperty("id").GetInt64()] = doc.RootElement.Clone();
        }
        Assert.Equal(caseLines.Count, answers.Count);
        return answers;
    }
}
