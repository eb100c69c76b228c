namespace Explorer.Protocols.Colu;

/// <summary>Issue flags bits 3..2: "0 aggregatable, 1 hybrid, 2 dispersed" (cc-issuance-encoder issueFlagsEncoder.js).</summary>
public enum ColuAggregationPolicy
{
    Aggregatable = 0,
    Hybrid = 1,
    Dispersed = 2,
}

/// <summary>The lower-case names the reference packages use ("aggregatable", "hybrid", "dispersed").</summary>
public static class ColuAggregationPolicyNames
{
    public static string ToName(this ColuAggregationPolicy policy) => policy switch
    {
        ColuAggregationPolicy.Aggregatable => "aggregatable",
        ColuAggregationPolicy.Hybrid => "hybrid",
        _ => "dispersed",
    };

    public static bool TryParse(string? name, out ColuAggregationPolicy policy)
    {
        switch (name)
        {
            case "aggregatable": policy = ColuAggregationPolicy.Aggregatable; return true;
            case "hybrid": policy = ColuAggregationPolicy.Hybrid; return true;
            case "dispersed": policy = ColuAggregationPolicy.Dispersed; return true;
            default: policy = default; return false;
        }
    }
}
