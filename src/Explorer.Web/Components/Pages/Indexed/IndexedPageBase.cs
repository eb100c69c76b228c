using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using MudBlazor;

namespace Explorer.Web.Components.Pages.Indexed;

/// <summary>Pages over indexed data: store queries are cancelled when the page goes away (navigation, closed circuit).</summary>
public abstract class IndexedPageBase : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _aborted = new();

    /// <summary>Cancelled when the page is disposed.</summary>
    protected CancellationToken Aborted => _aborted.Token;

    /// <summary>The request, while the page is prerendered (null once interactive).</summary>
    [CascadingParameter]
    public HttpContext? HttpContext { get; set; }

    /// <summary>A problem shown instead of the page, with the prerendered response's status to match it (400 for a
    /// malformed ID or link, 404 for nothing indexed under it, 503 for an unreachable store): a crawler or a script
    /// reading the page then sees what the API would answer, not 200.</summary>
    protected (string Message, Severity Severity) Problem(int status, string message, Severity severity)
    {
        // Set as the headers go out, not now: a 404 seen while the page renders makes Blazor leave the body to the
        // status-code pages (/not-found), and the page itself says better what is missing.
        if (HttpContext is { Response.HasStarted: false } http)
            http.Response.OnStarting(() =>
            {
                http.Response.StatusCode = status;
                return Task.CompletedTask;
            });
        return (message, severity);
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (!disposing) return;
        // Cancelled, not disposed: a query the page awaited may resume after Dispose and read the token (a disposed
        // source throws ObjectDisposedException there, which kills the circuit; a cancelled one ends the query).
        _aborted.Cancel();
    }
}
