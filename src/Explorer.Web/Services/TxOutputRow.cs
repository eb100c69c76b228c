namespace Explorer.Web.Services;

/// <summary>One output of a decoded transaction.</summary>
public sealed record TxOutputRow(int Index, long Value, string ScriptHex, string ScriptAsm, string Kind, string? Address);
