using System.Collections.Immutable;
using Explorer.Protocols.Decoding;

namespace Explorer.Web.Services;

/// <summary>The decode form read into a <see cref="DecodeRequest"/>, or the reasons it could not be.</summary>
public sealed record DecodeFormResult(DecodeRequest? Request, ImmutableArray<FormError> Errors)
{
    public bool IsValid => Request is not null && Errors.IsEmpty;

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;
}
