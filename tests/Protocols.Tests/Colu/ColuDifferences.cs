using Explorer.Protocols.Colu;
using Explorer.Protocols.Common;

namespace Explorer.Protocols.Tests.Colu;

/// <summary>
/// The documented differences between our decoder and Colu's reference packages (docs/colu.md, "Differences"), each a
/// named predicate over the payload bytes. A differential-test case is excluded only when one of these holds.
/// </summary>
public static class ColuDifferences
{
    /// <summary>The reference does not check the "CC" tag; we do.</summary>
    public const string TagNotChecked = nameof(TagNotChecked);

    /// <summary>The reference accepts any version byte; we accept 1 and 2.</summary>
    public const string VersionNotOneOrTwo = nameof(VersionNotOneOrTwo);

    /// <summary>A hash, amount, range byte or payment runs past the end: the reference reads a short buffer as a value.</summary>
    public const string ReadsPastEnd = nameof(ReadsPastEnd);

    /// <summary>An SFFC value above 2^53−1: the reference computes it in floating point and loses precision.</summary>
    public const string UnsafeInteger = nameof(UnsafeInteger);

    /// <summary>Issue flags with aggregation policy bits 3: the reference yields an undefined policy.</summary>
    public const string UndefinedAggregationPolicy = nameof(UndefinedAggregationPolicy);

    /// <summary>Version 1 issuance amount not a multiple of 10^divisibility: the reference yields a fraction.</summary>
    public const string Version1FractionalAmount = nameof(Version1FractionalAmount);

    /// <summary>The documented difference that explains why we rejected <paramref name="payload"/>, or null if none does.</summary>
    public static string? Explain(ReadOnlySpan<byte> payload, DecodeResult<ColuPayload> ours)
    {
        if (ours.IsSuccess) return null;
        return ours.Error switch
        {
            DecodeError.NotThisProtocol => TagNotChecked,
            DecodeError.UnsupportedVersion => VersionNotOneOrTwo,
            DecodeError.Truncated => ReadsPastEnd,
            DecodeError.Overflow => UnsafeInteger,
            DecodeError.InvalidEncoding when payload.Length > 4 && ((payload[^1] >> 2) & 3) == 3 => UndefinedAggregationPolicy,
            DecodeError.InvalidEncoding when payload.Length > 4 && payload[2] == 1 => Version1FractionalAmount,
            _ => null,
        };
    }
}
