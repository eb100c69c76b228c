using System.Buffers;
using System.Text;
using Explorer.ClickHouse.Embedded.Engine;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Explorer.ClickHouse.Embedded.Http;

/// <summary>
/// ClickHouse's HTTP interface (https://clickhouse.com/docs/interfaces/http) over the embedded engine: <c>/ping</c>,
/// and <c>GET</c>/<c>POST /</c> with the query in <c>query</c> and/or the body. <c>INSERT ... FORMAT X</c> data is
/// streamed into chDB in chunks of <see cref="ChunkSize"/> bytes, so memory does not grow with the body.
/// </summary>
internal sealed partial class ClickHouseHttpHandler(ChdbSession session, ILogger<ClickHouseHttpHandler> logger)
{
    /// <summary>Bytes read from the body and appended to a streaming INSERT at a time.</summary>
    public const int ChunkSize = 1 << 20;

    /// <summary>A statement (not INSERT data) larger than this is refused with QUERY_IS_TOO_LARGE.</summary>
    public const int MaxStatementBytes = 64 << 20;

    /// <summary>An INSERT whose FORMAT/VALUES clause has not appeared within this many bytes (INSERT ... SELECT, or a
    /// huge column list) is read whole before it is scanned again, so that scanning stays linear.</summary>
    private const int InsertHeadBytes = 1 << 20;

    private const int ResponseChunk = 64 << 10;

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        if (request.Path == "/ping" || (request.Path == "/" && HttpMethods.IsGet(request.Method) && !request.Query.ContainsKey("query")))
        {
            response.ContentType = "text/plain; charset=UTF-8";
            await response.WriteAsync("Ok.\n", context.RequestAborted);
            return;
        }

        if (request.Path != "/")
        {
            // As the server's static "no handler" answer: 404, plain text, no exception code.
            response.StatusCode = StatusCodes.Status404NotFound;
            response.ContentType = "text/plain; charset=UTF-8";
            await response.WriteAsync($"There is no handle {request.Path}\n\nUse / or /ping for health checks.\n", context.RequestAborted);
            return;
        }

        var parameters = QueryRequest.From(request.Query);
        response.Headers["X-ClickHouse-Query-Id"] = parameters.QueryId;
        response.Headers["X-ClickHouse-Timezone"] = session.Timezone;
        response.Headers["X-ClickHouse-Server-Display-Name"] = "chdb-embedded";
        try
        {
            await ExecuteAsync(context, parameters);
        }
        catch (ChdbException exception) when (!response.HasStarted)
        {
            LogQueryFailed(logger, parameters.QueryId, exception.Error.Code, exception.Error.Message);
            await WriteErrorAsync(response, exception.Error, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            LogClientGone(logger, parameters.QueryId);
        }
        catch (Exception exception) when (exception is IOException or BadHttpRequestException && !response.HasStarted)
        {
            // The request body could not be read (truncated or malformed upload): answer as the server does for a
            // failure without a code of its own (STD_EXCEPTION).
            LogQueryFailed(logger, parameters.QueryId, 1001, exception.Message);
            await WriteErrorAsync(response, ServerError.Create(1001, "STD_EXCEPTION", exception.Message), context.RequestAborted);
        }
    }

    private async Task ExecuteAsync(HttpContext context, QueryRequest parameters)
    {
        using var text = new RequestText(64 << 10);
        if (parameters.Query is not null)
        {
            // HTTPHandler: the query parameter is the start of the query and the body is its continuation.
            text.Append(Encoding.UTF8.GetBytes(parameters.Query));
            text.Append("\n"u8);
        }

        var body = HttpCompression.DecodeRequest(context.Request.Body, context.Request.Headers.ContentEncoding);
        try
        {
            await ExecuteAsync(context, parameters, text, body);
        }
        finally
        {
            if (!ReferenceEquals(body, context.Request.Body))
            {
                await body.DisposeAsync();
            }
        }
    }

    private async Task ExecuteAsync(HttpContext context, QueryRequest parameters, RequestText text, Stream body)
    {
        var cancellationToken = context.RequestAborted;
        var complete = false;
        StatementInfo statement;
        while (true)
        {
            statement = StatementScanner.Scan(text.Span, complete);
            if (statement.Kind != StatementKind.Incomplete)
            {
                break;
            }

            if (text.Length > MaxStatementBytes)
            {
                throw new ChdbException(ServerError.Create(
                    229, "QUERY_IS_TOO_LARGE", $"Statement is larger than {MaxStatementBytes} bytes"));
            }

            // Only INSERT needs the text before its data; anything else is read whole before it is looked at again.
            do
            {
                complete = !await text.ReadChunkAsync(body, 64 << 10, cancellationToken);
            }
            while (!complete && text.Length <= MaxStatementBytes
                && (statement.FirstKeyword is not ("" or "INSERT") || text.Length > InsertHeadBytes));
        }

        if (statement.FirstKeyword.Length == 0)
        {
            throw new ChdbException(ServerError.Create(62, "SYNTAX_ERROR", "Empty query"));
        }

        if (statement.Kind == StatementKind.MultipleStatements)
        {
            throw new ChdbException(ServerError.Create(62, "SYNTAX_ERROR", "Syntax error (Multi-statements are not allowed)"));
        }

        if (statement.Kind == StatementKind.InsertWithData)
        {
            await InsertAsync(context, parameters, text, statement, complete ? null : body);
        }
        else
        {
            await QueryAsync(context, parameters, text, statement);
        }
    }

    private async Task InsertAsync(HttpContext context, QueryRequest parameters, RequestText text, StatementInfo statement, Stream? rest)
    {
        var cancellationToken = context.RequestAborted;
        QueryStatistics statistics;
        using (var lease = await session.AcquireAsync(cancellationToken))
        {
            lease.Prepare(parameters.Database, parameters.Settings);
            using var insert = lease.BeginInsert(text.Span[..statement.StatementLength], statement.Format!, parameters.Parameters);
            insert.Append(text.Span[statement.DataOffset..]);
            if (rest is not null)
            {
                var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
                try
                {
                    int read;
                    while ((read = await ReadFullAsync(rest, chunk, cancellationToken)) > 0)
                    {
                        insert.Append(chunk.AsSpan(0, read));
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(chunk);
                }
            }

            statistics = insert.Complete();
        }

        var response = context.Response;
        response.Headers["X-ClickHouse-Format"] = parameters.DefaultFormat ?? "TabSeparated";
        response.Headers["X-ClickHouse-Summary"] = statistics.ToSummaryJson();
        response.ContentType = "text/plain; charset=UTF-8";
        response.ContentLength = 0;
        LogInserted(logger, parameters.QueryId, statistics.WrittenRows, statistics.Elapsed.TotalMilliseconds);
    }

    private async Task QueryAsync(HttpContext context, QueryRequest parameters, RequestText text, StatementInfo statement)
    {
        var response = context.Response;
        var format = parameters.DefaultFormat ?? "TabSeparated";
        var outputFormat = statement.Format ?? format;
        response.Headers["X-ClickHouse-Format"] = outputFormat;
        if (statement.FirstKeyword == "SET")
        {
            // Without a session every HTTP request stands alone, so a SET changes nothing for later requests;
            // applying it to the shared connection would leak it into them.
            response.Headers["X-ClickHouse-Summary"] = QueryStatistics.Empty.ToSummaryJson();
            response.ContentLength = 0;
            return;
        }

        ChdbResult result;
        using (var lease = await session.AcquireAsync(context.RequestAborted))
        {
            lease.Prepare(parameters.Database, parameters.Settings);
            result = lease.Query(text.Span, format, parameters.Parameters);
            if (statement.FirstKeyword == "USE")
            {
                lease.ForgetDatabase();
            }
        }

        using (result)
        {
            if (result.Error is { } error)
            {
                throw new ChdbException(error);
            }

            response.Headers["X-ClickHouse-Summary"] = result.Statistics.ToSummaryJson();
            response.ContentType = FormatContentTypes.For(outputFormat);
            var encoding = HttpCompression.ChooseResponseEncoding(
                parameters.EnableHttpCompression, context.Request.Headers.AcceptEncoding);
            if (encoding is null)
            {
                response.ContentLength = result.Length;
                await CopyAsync(result, response.Body, context.RequestAborted);
                return;
            }

            response.Headers.ContentEncoding = encoding;
            await using var compressed = HttpCompression.EncodeResponse(response.Body, encoding);
            await CopyAsync(result, compressed, context.RequestAborted);
        }
    }

    private static async Task CopyAsync(ChdbResult result, Stream destination, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ResponseChunk);
        try
        {
            for (long offset = 0; offset < result.Length; offset += ResponseChunk)
            {
                var count = (int)Math.Min(ResponseChunk, result.Length - offset);
                result.Slice(offset, count).CopyTo(buffer);
                await destination.WriteAsync(buffer.AsMemory(0, count), cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<int> ReadFullAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    private async Task WriteErrorAsync(HttpResponse response, ServerError error, CancellationToken cancellationToken)
    {
        response.StatusCode = error.HttpStatus;
        response.Headers["X-ClickHouse-Exception-Code"] = error.Code.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers.ContentEncoding = default;
        response.ContentType = "text/plain; charset=UTF-8";
        var body = Encoding.UTF8.GetBytes(error.ToResponseBody(session.Version));
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, cancellationToken);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Query {QueryId} failed with code {Code}: {Error}")]
    private static partial void LogQueryFailed(ILogger logger, string queryId, int code, string error);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Query {QueryId}: client went away")]
    private static partial void LogClientGone(ILogger logger, string queryId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Query {QueryId} inserted {Rows} rows in {ElapsedMs} ms")]
    private static partial void LogInserted(ILogger logger, string queryId, ulong rows, double elapsedMs);
}
