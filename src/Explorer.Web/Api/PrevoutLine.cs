namespace Explorer.Web.Api;

/// <summary>A previous output: scriptPubKey hex and value in satoshis.</summary>
public sealed record PrevoutLine(string Script, long Value);
