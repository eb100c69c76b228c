namespace Explorer.Web.Services.Indexed;

/// <summary>One non-orphaned <c>assets</c> row.</summary>
public sealed record AssetRecord(string Protocol, string AssetId, string Name, string MetadataHex, string MetadataUtf8,
    string DefinitionUrl, short Divisibility, sbyte LockStatus, string AggregationPolicy, string FirstTxid, uint FirstHeight,
    string FirstBlockHash);
