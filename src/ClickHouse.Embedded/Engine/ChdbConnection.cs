using System.Runtime.InteropServices;
using System.Text;
using Explorer.ClickHouse.Embedded.Native;

namespace Explorer.ClickHouse.Embedded.Engine;

/// <summary>
/// The one chDB connection of this process. chDB runs one engine per process on one storage path ("Connecting with a
/// different path requires closing all existing connections first"), so at most one instance may be open at a time;
/// a second <see cref="Open"/> fails until the first is disposed. Not thread-safe: <see cref="ChdbSession"/> serializes.
/// </summary>
internal sealed unsafe class ChdbConnection : IDisposable
{
    private static int openCount;
    private nint* connection;

    private ChdbConnection(nint* connection, string path)
    {
        this.connection = connection;
        DataPath = path;
    }

    public string DataPath { get; }

    /// <summary>Boots the engine on <paramref name="dataPath"/> (created if missing).</summary>
    public static ChdbConnection Open(string dataPath)
    {
        ChdbLibrary.EnsureLoaded();
        if (Interlocked.CompareExchange(ref openCount, 1, 0) != 0)
        {
            throw new InvalidOperationException(
                "chDB is already open in this process; chDB runs one engine per process. Dispose the running "
                + "EmbeddedClickHouseServer first, or share it (SharedEmbeddedClickHouse).");
        }

        try
        {
            var fullPath = Path.GetFullPath(dataPath);
            Directory.CreateDirectory(fullPath);
            ChdbNative.SetSignalHandlersEnabled(0);
            var arguments = new[] { "clickhouse", "--path=" + fullPath };
            var encoded = arguments.Select(a => Marshal.StringToCoTaskMemUTF8(a)).ToArray();
            try
            {
                nint* handle;
                fixed (nint* argv = encoded)
                {
                    handle = ChdbNative.Connect(encoded.Length, (byte**)argv);
                }

                if (handle == null || *handle == 0)
                {
                    throw new ChdbException(ServerError.Create(
                        ServerError.UnknownCode, "CHDB_CONNECT_FAILED", $"chdb_connect failed for path '{fullPath}'"));
                }

                return new ChdbConnection(handle, fullPath);
            }
            finally
            {
                foreach (var pointer in encoded)
                {
                    Marshal.FreeCoTaskMem(pointer);
                }
            }
        }
        catch
        {
            Interlocked.Exchange(ref openCount, 0);
            throw;
        }
    }

    /// <summary>Runs one statement, its output in <paramref name="format"/> unless the SQL has a FORMAT clause.</summary>
    public ChdbResult Query(ReadOnlySpan<byte> sql, string format, IReadOnlyList<QueryParameter> parameters)
    {
        using var bound = new BoundParameters(parameters);
        var formatBytes = Encoding.UTF8.GetBytes(format);
        fixed (byte* query = sql)
        fixed (byte* formatPointer = formatBytes)
        {
            var result = ChdbNative.QueryWithParams(
                Handle, query, (nuint)sql.Length, formatPointer, (nuint)formatBytes.Length,
                bound.Names, bound.NameLengths, bound.Values, bound.ValueLengths, bound.Count);
            return new ChdbResult(result);
        }
    }

    /// <summary>Runs a statement for its side effect and throws the engine's error if it fails.</summary>
    public void Execute(string sql)
    {
        using var result = Query(Encoding.UTF8.GetBytes(sql), "TabSeparated", []);
        if (result.Error is { } error)
        {
            throw new ChdbException(error);
        }
    }

    /// <summary>Starts <c>INSERT INTO t (...)</c> (no FORMAT clause, no data) reading <paramref name="format"/>.</summary>
    public ChdbInsertStream BeginInsert(ReadOnlySpan<byte> statement, string format, IReadOnlyList<QueryParameter> parameters)
    {
        using var bound = new BoundParameters(parameters);
        var formatBytes = Encoding.UTF8.GetBytes(format);
        nint handle;
        fixed (byte* query = statement)
        fixed (byte* formatPointer = formatBytes)
        {
            handle = ChdbNative.StreamInsertWithParams(
                Handle, query, (nuint)statement.Length, formatPointer, (nuint)formatBytes.Length,
                bound.Names, bound.NameLengths, bound.Values, bound.ValueLengths, bound.Count);
        }

        var stream = new ChdbInsertStream(handle);
        if (stream.Error is { } error)
        {
            stream.Dispose();
            throw new ChdbException(error);
        }

        return stream;
    }

    /// <summary>Closes the connection; the engine shuts down and flushes with it.</summary>
    public void Dispose()
    {
        var toClose = connection;
        connection = null;
        if (toClose != null)
        {
            ChdbNative.CloseConnection(toClose);
            Interlocked.Exchange(ref openCount, 0);
        }
    }

    /// <summary>Stops every engine thread at process end. Afterwards chDB cannot be used again in this process.</summary>
    public static bool ShutdownEngine() => ChdbNative.Shutdown() == 0;

    private nint Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(connection == null, this);
            return *connection;
        }
    }

    /// <summary>Parameter names and values as UTF-8 in unmanaged memory, for the *_with_params_n calls.</summary>
    private sealed class BoundParameters : IDisposable
    {
        private readonly nint block;

        public BoundParameters(IReadOnlyList<QueryParameter> parameters)
        {
            Count = (nuint)parameters.Count;
            if (parameters.Count == 0)
            {
                return;
            }

            var encoded = parameters.Select(p => (Name: Encoding.UTF8.GetBytes(p.Name), Value: Encoding.UTF8.GetBytes(p.Value))).ToArray();
            var tables = 4 * parameters.Count * sizeof(nint);
            var payload = encoded.Sum(p => p.Name.Length + p.Value.Length);
            block = (nint)NativeMemory.Alloc((nuint)(tables + payload + 1));
            var pointers = (nint*)block;
            Names = (byte**)pointers;
            Values = (byte**)(pointers + parameters.Count);
            NameLengths = (nuint*)(pointers + (2 * parameters.Count));
            ValueLengths = (nuint*)(pointers + (3 * parameters.Count));
            var cursor = (byte*)block + tables;
            for (var i = 0; i < encoded.Length; i++)
            {
                Names[i] = Copy(encoded[i].Name, ref cursor);
                NameLengths[i] = (nuint)encoded[i].Name.Length;
                Values[i] = Copy(encoded[i].Value, ref cursor);
                ValueLengths[i] = (nuint)encoded[i].Value.Length;
            }
        }

        public byte** Names { get; }

        public nuint* NameLengths { get; }

        public byte** Values { get; }

        public nuint* ValueLengths { get; }

        public nuint Count { get; }

        public void Dispose()
        {
            if (block != 0)
            {
                NativeMemory.Free((void*)block);
            }
        }

        private static byte* Copy(byte[] bytes, ref byte* cursor)
        {
            var start = cursor;
            bytes.CopyTo(new Span<byte>(cursor, bytes.Length));
            cursor += bytes.Length;
            return start;
        }
    }
}
