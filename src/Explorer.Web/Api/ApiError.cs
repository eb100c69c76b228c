namespace Explorer.Web.Api;

/// <summary>The body of every 4xx answer of the JSON API.</summary>
public sealed record ApiError(string Error);
