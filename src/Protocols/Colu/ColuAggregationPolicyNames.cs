namespace Explorer.Protocols.Colu;

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
