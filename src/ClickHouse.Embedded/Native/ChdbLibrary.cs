using System.Reflection;
using System.Runtime.InteropServices;

namespace Explorer.ClickHouse.Embedded.Native;

/// <summary>
/// Finds libchdb.so: <c>CHDB_LIB_PATH</c>, or the cache folder that <c>scripts/setup-chdb.sh</c> fills
/// (<c>${XDG_CACHE_HOME:-$HOME/.cache}/explorer/chdb/package/libchdb.so</c>).
/// </summary>
public static class ChdbLibrary
{
    /// <summary>Environment variable that overrides the library location.</summary>
    public const string PathVariable = "CHDB_LIB_PATH";

    private static readonly Lock Gate = new();
    private static nint handle;

    /// <summary>The path the library is (or would be) loaded from.</summary>
    public static string ResolvePath()
        => ResolvePath(Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary><see cref="ResolvePath()"/> with the environment and home folder given.</summary>
    public static string ResolvePath(Func<string, string?> environment, string home)
    {
        var fromEnvironment = environment(PathVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment;
        }

        var cache = environment("XDG_CACHE_HOME");
        if (string.IsNullOrWhiteSpace(cache))
        {
            cache = Path.Combine(home, ".cache");
        }

        return Path.Combine(cache, "explorer", "chdb", "package", "libchdb.so");
    }

    /// <summary>The error raised when the library is missing: it names the set-up script and the variable.</summary>
    public static FileNotFoundException MissingLibrary(string path)
        => new(
            $"libchdb.so not found at '{path}'. Run scripts/setup-chdb.sh (it fetches @chdb/lib-linux-x64-gnu "
            + $"with npm into the cache folder) or set {PathVariable} to the library's path.",
            path);

    /// <summary>Loads the library once per process and routes the "chdb" imports to it.</summary>
    /// <exception cref="FileNotFoundException">The library is not where <see cref="ResolvePath"/> says.</exception>
    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (handle != 0)
            {
                return;
            }

            var path = ResolvePath();
            if (!File.Exists(path))
            {
                throw MissingLibrary(path);
            }

            handle = NativeLibrary.Load(path);
            NativeLibrary.SetDllImportResolver(typeof(ChdbLibrary).Assembly, Resolve);
        }
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
        => libraryName == ChdbNative.LibraryName ? handle : 0;
}
