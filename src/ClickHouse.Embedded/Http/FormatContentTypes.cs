namespace Explorer.ClickHouse.Embedded.Http;

/// <summary>The Content-Type ClickHouse's output formats declare (IOutputFormat::getContentType).</summary>
public static class FormatContentTypes
{
    public static string For(string format)
    {
        if (format.StartsWith("TabSeparated", StringComparison.OrdinalIgnoreCase)
            || format.StartsWith("TSV", StringComparison.OrdinalIgnoreCase))
        {
            return "text/tab-separated-values; charset=UTF-8";
        }

        if (format.StartsWith("CSV", StringComparison.OrdinalIgnoreCase))
        {
            return "text/csv; charset=UTF-8; header=absent";
        }

        if (format.Equals("JSON", StringComparison.OrdinalIgnoreCase)
            || format.Equals("JSONCompact", StringComparison.OrdinalIgnoreCase)
            || format.Equals("JSONStrings", StringComparison.OrdinalIgnoreCase))
        {
            return "application/json; charset=UTF-8";
        }

        if (format.StartsWith("JSON", StringComparison.OrdinalIgnoreCase)
            || format.Equals("NDJSON", StringComparison.OrdinalIgnoreCase))
        {
            return "application/x-ndjson; charset=UTF-8";
        }

        if (format.StartsWith("RowBinary", StringComparison.OrdinalIgnoreCase)
            || format.Equals("Native", StringComparison.OrdinalIgnoreCase)
            || format.Equals("Parquet", StringComparison.OrdinalIgnoreCase)
            || format.StartsWith("Arrow", StringComparison.OrdinalIgnoreCase))
        {
            return "application/octet-stream";
        }

        return "text/plain; charset=UTF-8";
    }
}
