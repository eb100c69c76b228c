using System.Runtime.InteropServices;
using Explorer.ClickHouse.Embedded.Native;

namespace Explorer.ClickHouse.Embedded.Engine;

/// <summary>
/// A finished chDB query: the output bytes (in native memory, valid until disposed) and its statistics.
/// Independent of the connection once returned, so it can be written to a slow client after the lock is released.
/// </summary>
internal sealed unsafe class ChdbResult : IDisposable
{
    private nint handle;

    public ChdbResult(nint handle)
    {
        this.handle = handle;
        var error = ChdbNative.ResultError(handle);
        Error = error == null ? null : ServerError.Parse(Marshal.PtrToStringUTF8((nint)error) ?? string.Empty);
        Length = (long)ChdbNative.ResultLength(handle);
        Statistics = new QueryStatistics(
            ReadRows: ChdbNative.ResultStorageRowsRead(handle),
            ReadBytes: ChdbNative.ResultStorageBytesRead(handle),
            WrittenRows: ChdbNative.ResultRowsWritten(handle),
            WrittenBytes: ChdbNative.ResultBytesWritten(handle),
            ResultRows: ChdbNative.ResultRowsRead(handle),
            ResultBytes: ChdbNative.ResultBytesRead(handle),
            Elapsed: TimeSpan.FromSeconds(ChdbNative.ResultElapsed(handle)));
    }

    /// <summary>The engine's error, or null when the query succeeded.</summary>
    public ServerError? Error { get; }

    public long Length { get; }

    public QueryStatistics Statistics { get; }

    /// <summary>A slice of the output; <paramref name="count"/> is at most <see cref="int.MaxValue"/>.</summary>
    public ReadOnlySpan<byte> Slice(long offset, int count)
    {
        ObjectDisposedException.ThrowIf(handle == 0, this);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset + count, Length);
        var buffer = ChdbNative.ResultBuffer(handle);
        return new ReadOnlySpan<byte>(buffer + offset, count);
    }

    public void Dispose()
    {
        var toFree = Interlocked.Exchange(ref handle, 0);
        if (toFree != 0)
        {
            ChdbNative.DestroyQueryResult(toFree);
        }
    }
}
