using System.Collections.Immutable;

namespace Explorer.Protocols.Colu;

/// <summary>
/// What cc-transaction's Transaction object holds before <c>encode()</c>: the kind, payments with explicit inputs,
/// optional hashes, and the issuance fields (ignored for transfers and burns). <see cref="NoRules"/> defaults to true
/// as in the reference ("this.noRules = data.noRules || true"); <c>allowRules()</c> is NoRules = false.
/// </summary>
public sealed record ColuEncodeRequest(
    ColuKind Kind,
    ImmutableArray<ColuPayment> Payments,
    byte Version = 0x02,
    byte[]? TorrentHash = null,
    byte[]? Sha2 = null,
    bool NoRules = true,
    ulong Amount = 0,
    int Divisibility = 0,
    bool LockStatus = false,
    ColuAggregationPolicy AggregationPolicy = ColuAggregationPolicy.Aggregatable);
