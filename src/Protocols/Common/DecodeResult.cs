using System.Diagnostics.CodeAnalysis;

namespace Explorer.Protocols.Common;

/// <summary>
/// The outcome of a decoder: a value, or a typed error with the offset where decoding stopped.
/// Decoders never throw on malformed input; they return <see cref="Fail"/>.
/// </summary>
public readonly record struct DecodeResult<T>
{
    private DecodeResult(T? value, DecodeError error, int errorOffset, string? detail)
    {
        Value = value;
        Error = error;
        ErrorOffset = errorOffset;
        Detail = detail;
    }

    public T? Value { get; }
    public DecodeError Error { get; }
    public int ErrorOffset { get; }
    public string? Detail { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    public bool IsSuccess => Error == DecodeError.None;

    public static DecodeResult<T> Ok(T value) => new(value, DecodeError.None, -1, null);

    public static DecodeResult<T> Fail(DecodeError error, int offset = -1, string? detail = null) =>
        new(default, error == DecodeError.None ? DecodeError.Malformed : error, offset, detail);

    /// <summary>A human-readable reason, for the explorer and the decode command.</summary>
    public string ErrorMessage => IsSuccess ? string.Empty
        : Detail is null ? $"{Error} at byte {ErrorOffset}" : $"{Error} at byte {ErrorOffset}: {Detail}";
}

/// <summary>Why a payload did not decode. Shared by the three protocols; add members, never renumber.</summary>
public enum DecodeError
{
    None = 0,
    /// <summary>Not this protocol at all (wrong tag or prefix): not an error to show.</summary>
    NotThisProtocol = 1,
    Truncated = 2,
    TrailingBytes = 3,
    UnsupportedVersion = 4,
    UnknownOpcode = 5,
    InvalidVarInt = 6,
    InvalidLeb128 = 7,
    Overflow = 8,
    InvalidLength = 9,
    InvalidScript = 10,
    InvalidAssetId = 11,
    InvalidAssetName = 12,
    InvalidCbor = 13,
    UnknownMessageType = 14,
    InvalidEncoding = 15,
    Malformed = 16,
}
