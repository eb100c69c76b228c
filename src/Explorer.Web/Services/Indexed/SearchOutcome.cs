namespace Explorer.Web.Services.Indexed;

/// <summary>What a search resolved to: one page to open, several candidates, nothing, or malformed input.</summary>
public sealed record SearchOutcome(SearchOutcomeKind Kind, string Query, string Message, IReadOnlyList<SearchHit> Hits)
{
    /// <summary>The page of an exact (single) hit.</summary>
    public string? Target => Kind == SearchOutcomeKind.Exact ? Hits[0].Url : null;
}

