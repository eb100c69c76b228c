namespace Explorer.ClickHouse.Embedded;

/// <summary>
/// One <see cref="EmbeddedClickHouseServer"/> per process for tests (chDB allows one engine per process), started on
/// first use on a fresh temporary folder and closed, with the folder deleted, when the process exits. Tests isolate
/// themselves with <see cref="EmbeddedClickHouseServer.CreateDatabaseAsync"/>.
/// </summary>
public static class SharedEmbeddedClickHouse
{
    private static readonly Lazy<Task<EmbeddedClickHouseServer>> Server = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The process's shared server (started on first call).</summary>
    public static Task<EmbeddedClickHouseServer> GetAsync() => Server.Value;

    private static async Task<EmbeddedClickHouseServer> StartAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"explorer-chdb-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var server = await EmbeddedClickHouseServer.StartAsync(path);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            try
            {
                Directory.Delete(path, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: the folder is under the temporary directory.
            }
        };
        return server;
    }
}
