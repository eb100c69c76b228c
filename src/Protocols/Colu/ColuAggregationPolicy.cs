namespace Explorer.Protocols.Colu;

/// <summary>Issue flags bits 3..2: "0 aggregatable, 1 hybrid, 2 dispersed" (cc-issuance-encoder issueFlagsEncoder.js).</summary>
public enum ColuAggregationPolicy
{
    Aggregatable = 0,
    Hybrid = 1,
    Dispersed = 2,
}
