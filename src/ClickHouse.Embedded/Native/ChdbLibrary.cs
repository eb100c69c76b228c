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
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment;
        }

        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrWhiteSpace(cache))
        {
            cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        }

        return Path.Combine(cache, "explorer", "chdb", "package", "libchdb.so");
    }

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
                throw new FileNotFoundException(
                    $"libchdb.so not found at '{path}'. Run scripts/setup-chdb.sh (it fetches @chdb/lib-linux-x64-gnu "
                    + $"with npm into the cache folder) or set {PathVariable} to the library's path.",
                    path);
            }

            handle = NativeLibrary.Load(path);
            NativeLibrary.SetDllImportResolver(typeof(ChdbLibrary).Assembly, Resolve);
        }
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
        => libraryName == ChdbNative.LibraryName ? handle : 0;
}
