using Microsoft.AspNetCore.Components;

namespace Explorer.Web.Components.Pages.Indexed;

/// <summary>Pages over indexed data: store queries are cancelled when the page goes away (navigation, closed circuit).</summary>
public abstract class IndexedPageBase : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _aborted = new();

    /// <summary>Cancelled when the page is disposed.</summary>
    protected CancellationToken Aborted => _aborted.Token;

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
