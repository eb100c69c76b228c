using Microsoft.Extensions.Logging;

namespace Explorer.ClickHouse.Embedded;

/// <summary>How to start an <see cref="EmbeddedClickHouseServer"/>.</summary>
public sealed record EmbeddedClickHouseOptions
{
    /// <summary>Folder holding the databases (chDB <c>--path</c>); created if missing, kept after shutdown.</summary>
    public required string DataPath { get; init; }

    /// <summary>TCP port on 127.0.0.1; 0 picks a free one (read it back from <see cref="EmbeddedClickHouseServer.Port"/>).</summary>
    public int Port { get; init; }

    /// <summary>Configures the host's logging; by default nothing is logged.</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }
}
