using System.Runtime.InteropServices;

namespace Explorer.ClickHouse.Embedded.Native;

/// <summary>
/// P/Invoke surface of libchdb.so 26.7 (header: chdb-io/chdb programs/local/chdb.h, "CHDB_VERSION 26.7.3").
/// Signatures were checked against the exports (<c>nm -D libchdb.so | grep chdb_</c>) and by experiment.
/// <c>chdb_connect</c> returns a pointer to the connection handle (<c>chdb_connection*</c>); every other call takes
/// the handle itself. Results are opaque <c>chdb_result*</c> freed with <c>chdb_destroy_query_result</c>.
/// </summary>
internal static unsafe partial class ChdbNative
{
    public const string LibraryName = "chdb";

    [LibraryImport(LibraryName, EntryPoint = "chdb_version")]
    public static partial byte* Version();

    /// <summary>"Call BEFORE chdb_connect() ... to prevent chDB from installing process-wide signal handlers."
    /// .NET turns SIGSEGV into NullReferenceException and handles SIGTERM/SIGINT itself, so chDB must not own them.</summary>
    [LibraryImport(LibraryName, EntryPoint = "chdb_set_signal_handlers_enabled")]
    public static partial void SetSignalHandlersEnabled(int enabled);

    [LibraryImport(LibraryName, EntryPoint = "chdb_connect")]
    public static partial nint* Connect(int argc, byte** argv);

    [LibraryImport(LibraryName, EntryPoint = "chdb_close_conn")]
    public static partial void CloseConnection(nint* connection);

    [LibraryImport(LibraryName, EntryPoint = "chdb_shutdown")]
    public static partial int Shutdown();

    [LibraryImport(LibraryName, EntryPoint = "chdb_query_with_params_n")]
    public static partial nint QueryWithParams(
        nint connection,
        byte* query,
        nuint queryLength,
        byte* format,
        nuint formatLength,
        byte** paramNames,
        nuint* paramNameLengths,
        byte** paramValues,
        nuint* paramValueLengths,
        nuint paramCount);

    [LibraryImport(LibraryName, EntryPoint = "chdb_stream_insert_with_params_n")]
    public static partial nint StreamInsertWithParams(
        nint connection,
        byte* query,
        nuint queryLength,
        byte* format,
        nuint formatLength,
        byte** paramNames,
        nuint* paramNameLengths,
        byte** paramValues,
        nuint* paramValueLengths,
        nuint paramCount);

    /// <summary>"Chunk bytes in the stream's input format; copied, the caller retains ownership" — may block for
    /// back-pressure. Returns 0 (CHDBSuccess) or 1 (CHDBError).</summary>
    [LibraryImport(LibraryName, EntryPoint = "chdb_stream_append")]
    public static partial int StreamAppend(nint stream, byte* data, nuint length);

    [LibraryImport(LibraryName, EntryPoint = "chdb_stream_done")]
    public static partial nint StreamDone(nint stream);

    [LibraryImport(LibraryName, EntryPoint = "chdb_stream_insert_error")]
    public static partial byte* StreamInsertError(nint stream);

    [LibraryImport(LibraryName, EntryPoint = "chdb_destroy_insert_stream")]
    public static partial void DestroyInsertStream(nint stream);

    [LibraryImport(LibraryName, EntryPoint = "chdb_result_buffer")]
    public static partial byte* ResultBuffer(nint result);

    [LibraryImport(LibraryName, EntryPoint = "chdb_result_length")]
    public static partial nuint ResultLength(nint result);

    [LibraryImport(LibraryName, EntryPoint = "chdb_result_elapsed")]
    public static partial double ResultElapsed(nint result);

    [LibraryImport(LibraryName, EntryPoint = "chdb_result_rows_read")]
    public static partial ulong ResultRowsRead(nint result);

    [LibraryImport(LibraryName, EntryPoint = "chdb_result_bytes_read")]
    public static partial ulong ResultBytesRead(nint result);

    [LibraryImport(LibraryName, EntryPoint = "chdb_result_storage_rows_read")]
    public static partial ulong ResultStorageRowsRead(nint result);

    [LibraryImport(LibraryName, EntryPoint = "chdb_result_storage_bytes_read")]
    public static partial ulong ResultStorageBytesRead(nint result);

    [LibraryImport(LibraryName, EntryPoint = "chdb_result_rows_written")]
    public static partial ulong ResultRowsWritten(nint result);

    [LibraryImport(LibraryName, EntryPoint = "chdb_result_bytes_written")]
    public static partial ulong ResultBytesWritten(nint result);

    [LibraryImport(LibraryName, EntryPoint = "chdb_result_error")]
    public static partial byte* ResultError(nint result);

    [LibraryImport(LibraryName, EntryPoint = "chdb_destroy_query_result")]
    public static partial void DestroyQueryResult(nint result);
}
