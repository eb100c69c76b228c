using Microsoft.AspNetCore.WebUtilities;

namespace Explorer.Web.Api;

/// <summary>A CSV page of a cursor-paged route: the CSV has no room for the next cursor, so it goes in an RFC 8288
/// <c>Link: &lt;...&gt;; rel="next"</c> header naming the same request with <c>cursor</c> set (absent on the last page),
/// and in <c>X-Next-Cursor</c>. An export is then walked page by page like the JSON.</summary>
public static class CsvPage
{
    /// <param name="cursorName">The route's cursor parameter (<c>before</c> for <c>/blocks</c>).</param>
    public static IResult Of(HttpContext http, string csv, string? next, string cursorName = "cursor")
    {
        ArgumentNullException.ThrowIfNull(http);
        if (next is not null)
        {
            var query = http.Request.Query
                .Where(q => !string.Equals(q.Key, cursorName, StringComparison.Ordinal))
                .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
                .Append(new KeyValuePair<string, string?>(cursorName, next));
            var url = QueryHelpers.AddQueryString(http.Request.PathBase + http.Request.Path, query);
            http.Response.Headers.Append("Link", $"<{url}>; rel=\"next\"");
            http.Response.Headers.Append("X-Next-Cursor", next);
        }
        return TypedResults.Text(csv, "text/csv");
    }
}
