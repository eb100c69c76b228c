using System.Collections.Immutable;
using Explorer.Protocols.Decoding;

namespace Explorer.Web.Services;

/// <summary>A validation message for one field of the decode form.</summary>
public sealed record FormError(string Field, string Message);
