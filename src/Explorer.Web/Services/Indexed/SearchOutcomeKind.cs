namespace Explorer.Web.Services.Indexed;

/// <summary>Kinds of <see cref="SearchOutcome"/>.</summary>
public enum SearchOutcomeKind
{
    Exact,
    Several,
    NotFound,
    Invalid,
}
