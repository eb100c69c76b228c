using System.Collections.Immutable;
using System.Text.Json;
using Explorer.Protocols.Common;

namespace Explorer.Web.Services;

/// <summary>
/// One protocol's part of a decode answer, read from its JSON so that the page shows whatever fields the decoder
/// writes: <see cref="Fields"/> are every key but <c>raw</c>; <see cref="Raw"/> is the <c>raw</c> key as a
/// <see cref="RawView"/> when present and readable.
/// </summary>
public sealed record ProtocolPanel(
    string Key,
    string Title,
    ImmutableArray<KeyValuePair<string, JsonElement>> Fields,
    RawView? Raw,
    bool? Valid,
    string? Error,
    string? RawProblem);
