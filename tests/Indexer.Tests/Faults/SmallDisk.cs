using System.Diagnostics;

namespace Explorer.Indexer.Tests.Faults;

/// <summary>
/// A small tmpfs (<c>mount -t tmpfs -o size=...</c>) on a fresh temporary folder, unmounted and removed on dispose:
/// a real file system that runs out of space. Needs root (or CAP_SYS_ADMIN), as the tests and CI run here; without it
/// <see cref="Mount"/> fails saying so. <see cref="FillLeaving"/> writes a ballast file so that only a given number
/// of bytes stay free; <see cref="FreeBallast"/> deletes it ("the operator frees space").
/// </summary>
public sealed class SmallDisk : IDisposable
{
    private SmallDisk(string path) => Path_ = path;

    public string Path_ { get; }

    private string Ballast => Path.Combine(Path_, "ballast");

    public long Available => new DriveInfo(Path_).AvailableFreeSpace;

    public static SmallDisk Mount(int megabytes)
    {
        var path = Path.Combine(Path.GetTempPath(), "explorer-small-disk-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        var (code, text) = Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m,mode=0777", "tmpfs", path);
        if (code != 0)
        {
            Directory.Delete(path);
            Assert.Fail($"mounting a {megabytes} MB tmpfs failed ({text.Trim()}): the full-disk test needs root or CAP_SYS_ADMIN");
        }
        return new SmallDisk(path);
    }

    /// <summary>Writes a ballast file (real pages, not sparse) until only about <paramref name="bytes"/> are free.</summary>
    public void FillLeaving(long bytes)
    {
        var chunk = new byte[64 * 1024];
        using var stream = new FileStream(Ballast, FileMode.Append, FileAccess.Write);
        for (var left = Available - bytes; left > 0; left -= chunk.Length)
        {
            stream.Write(chunk, 0, (int)Math.Min(chunk.Length, left));
        }
        stream.Flush();
    }

    public void FreeBallast() => File.Delete(Ballast);

    public void Dispose()
    {
        Run("umount", "-l", Path_);
        try
        {
            Directory.Delete(Path_, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the folder is under the temporary directory.
        }
    }

    private static (int Code, string Text) Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var text = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, text);
    }
}
