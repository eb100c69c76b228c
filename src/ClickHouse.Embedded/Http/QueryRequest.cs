using Explorer.ClickHouse.Embedded.Engine;
using Microsoft.AspNetCore.Http;

namespace Explorer.ClickHouse.Embedded.Http;

/// <summary>
/// The URL parameters of one request to ClickHouse's HTTP interface
/// (https://clickhouse.com/docs/interfaces/http): <c>query</c>, <c>database</c>, <c>default_format</c>, <c>query_id</c>,
/// <c>param_&lt;name&gt;</c>, and any other parameter is a setting. Parameters the server reserves for itself
/// (HTTPHandler.cpp <c>reserved_param_names</c>) and settings that only steer the HTTP transport are not sent to the
/// engine.
/// </summary>
public sealed record QueryRequest(
    string? Query,
    string Database,
    string? DefaultFormat,
    string QueryId,
    IReadOnlyList<QueryParameter> Parameters,
    IReadOnlyDictionary<string, string> Settings,
    bool EnableHttpCompression)
{
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "query", "database", "default_format", "query_id", "user", "password", "quota_key", "stacktrace", "role",
        "buffer_size", "wait_end_of_query", "session_id", "session_timeout", "session_check", "close_session",
        "client_protocol_version", "compress", "decompress", "default_database",
    };

    /// <summary>Settings that configure this HTTP exchange (handled here or meaningless for an embedded engine).</summary>
    private static readonly HashSet<string> TransportSettings = new(StringComparer.Ordinal)
    {
        "enable_http_compression", "http_zlib_compression_level", "send_progress_in_http_headers",
        "http_headers_progress_interval_ms", "add_http_cors_header", "cancel_http_readonly_queries_on_client_close",
        "http_wait_end_of_query", "http_response_buffer_size", "http_native_compression_disable_checksumming_on_decompress",
        "http_write_exception_in_output_format", "http_response_headers",
    };

    public static QueryRequest From(IQueryCollection query)
    {
        var parameters = new List<QueryParameter>();
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, values) in query)
        {
            var value = values.ToString();
            if (key.StartsWith("param_", StringComparison.Ordinal))
            {
                parameters.Add(new QueryParameter(key["param_".Length..], value));
            }
            else if (!Reserved.Contains(key) && !TransportSettings.Contains(key))
            {
                settings[key] = value;
            }
        }

        var database = query["database"].ToString();
        var queryId = query["query_id"].ToString();
        var compression = query["enable_http_compression"].ToString();
        return new QueryRequest(
            Query: query.TryGetValue("query", out var text) ? text.ToString() : null,
            Database: string.IsNullOrEmpty(database) ? "default" : database,
            DefaultFormat: query.TryGetValue("default_format", out var format) && !string.IsNullOrEmpty(format) ? format.ToString() : null,
            QueryId: string.IsNullOrEmpty(queryId) ? Guid.NewGuid().ToString() : queryId,
            Parameters: parameters,
            Settings: settings,
            EnableHttpCompression: compression is "1" or "true");
    }
}
