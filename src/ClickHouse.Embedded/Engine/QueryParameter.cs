namespace Explorer.ClickHouse.Embedded.Engine;

/// <summary>A value bound to a <c>{name:Type}</c> placeholder by the engine (never spliced into the SQL text).
/// The value is in ClickHouse's escaped text form, as the HTTP interface's <c>param_&lt;name&gt;</c> carries it.</summary>
public readonly record struct QueryParameter(string Name, string Value);
