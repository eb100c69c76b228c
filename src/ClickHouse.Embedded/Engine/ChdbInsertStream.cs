using System.Runtime.InteropServices;
using Explorer.ClickHouse.Embedded.Native;

namespace Explorer.ClickHouse.Embedded.Engine;

/// <summary>
/// A streaming INSERT (<c>chdb_stream_insert_with_params_n</c>): data is appended in chunks of any size — chDB feeds
/// them to the input format as one continuous stream, so chunks need not end on row boundaries — and committed by
/// <see cref="Complete"/>. The connection runs nothing else while the stream is open.
/// </summary>
internal sealed unsafe class ChdbInsertStream : IDisposable
{
    private nint handle;

    public ChdbInsertStream(nint handle)
    {
        this.handle = handle;
    }

    /// <summary>The failure chDB recorded on the stream, or null.</summary>
    public ServerError? Error
    {
        get
        {
            var error = ChdbNative.StreamInsertError(handle);
            return error == null ? null : ServerError.Parse(Marshal.PtrToStringUTF8((nint)error) ?? string.Empty);
        }
    }

    /// <summary>Pushes one chunk; chDB copies it. Throws with the engine's error when the stream has failed.</summary>
    public void Append(ReadOnlySpan<byte> chunk)
    {
        ObjectDisposedException.ThrowIf(handle == 0, this);
        if (chunk.IsEmpty)
        {
            return;
        }

        int state;
        fixed (byte* data = chunk)
        {
            state = ChdbNative.StreamAppend(handle, data, (nuint)chunk.Length);
        }

        if (state != 0)
        {
            throw new ChdbException(Error ?? ServerError.Parse("Streaming insert failed"));
        }
    }

    /// <summary>Ends the input and commits; returns what was written or throws the engine's error.</summary>
    public QueryStatistics Complete()
    {
        ObjectDisposedException.ThrowIf(handle == 0, this);
        using var result = new ChdbResult(ChdbNative.StreamDone(handle));
        if (result.Error is { } error)
        {
            throw new ChdbException(error);
        }

        return result.Statistics;
    }

    /// <summary>Frees the handle; chDB cancels the insert first if it was not completed.</summary>
    public void Dispose()
    {
        var toFree = Interlocked.Exchange(ref handle, 0);
        if (toFree != 0)
        {
            ChdbNative.DestroyInsertStream(toFree);
        }
    }
}
