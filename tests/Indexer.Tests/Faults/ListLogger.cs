using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Explorer.Indexer.Tests.Faults;

/// <summary>Collects formatted log lines (level, message, exception message) so tests can assert what an operator reads.</summary>
public sealed class ListLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<(LogLevel Level, string Text)> _lines = new();

    public IReadOnlyList<(LogLevel Level, string Text)> Lines => [.. _lines];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        _lines.Enqueue((logLevel, formatter(state, exception) + (exception is null ? string.Empty : " | " + exception.Message)));
    }
}
