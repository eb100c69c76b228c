namespace Explorer.Indexer.Tests.Support;

/// <summary>
/// Sits between ClickHouse.Driver and the server. <see cref="Fail"/> decides per request (by its query text) whether it
/// fails as an unreachable server would (HttpRequestException, nothing sent); <see cref="OnRequest"/> observes requests
/// (a test may cancel there to simulate a kill at that exact point).
/// </summary>
public sealed class FaultInjectingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly Lock _gate = new();
    private readonly List<(DateTime At, string Query, bool Failed)> _log = [];

    public Func<string, bool>? Fail { get; set; }

    public Action<string>? OnRequest { get; set; }

    public IReadOnlyList<(DateTime At, string Query, bool Failed)> Log
    {
        get { lock (_gate) return [.. _log]; }
    }

    public int Failures
    {
        get { lock (_gate) return _log.Count(l => l.Failed); }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var query = Uri.UnescapeDataString(request.RequestUri?.Query ?? string.Empty);
        if (request.Content is not null && !query.Contains("INSERT", StringComparison.OrdinalIgnoreCase)
            && request.Content.Headers.ContentEncoding.Count == 0)
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken);
            query += " " + await request.Content.ReadAsStringAsync(cancellationToken);
        }
        OnRequest?.Invoke(query); // may throw (a simulated kill at this exact request)
        var fail = Fail?.Invoke(query) ?? false;
        lock (_gate) _log.Add((DateTime.UtcNow, query, fail));
        if (fail) throw new HttpRequestException("Connection refused (injected)");
        return await base.SendAsync(request, cancellationToken);
    }
}
