namespace Explorer.Web.Services;

/// <summary>
/// Per-circuit hand-over from the app bar's search box to the decode page, for raw transactions too long to put
/// in a URL.
/// </summary>
public sealed class DecodeDraft
{
    private string? _tx;

    public void Set(string tx) => _tx = tx;

    /// <summary>The pending transaction hex, once; null when none.</summary>
    public string? Take()
    {
        var tx = _tx;
        _tx = null;
        return tx;
    }
}
