namespace Explorer.Web.Services.Indexed;

/// <summary>One page a search can open.</summary>
public sealed record SearchHit(string Kind, string Label, string Url);
