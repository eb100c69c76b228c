namespace Explorer.Web.Services.Indexed;

/// <summary>One non-orphaned <c>colored_transactions</c> row (one per transaction and protocol).</summary>
public sealed record ColoredTxRow(string Txid, string Protocol, uint Height, string BlockHash, uint TxIndex, string Kind,
    byte Valid, string Error, string RawHex, string AnswerJson);

/// <summary>One non-orphaned <c>colored_outputs</c> row: an asset amount on an output, and its spend when spent.</summary>
public sealed record ColoredOutputLine(string Protocol, string AssetId, string Txid, uint N, ushort Idx, ulong Quantity,
    string Address, ulong Value, uint Height, string SpentTxid, uint SpentInput, uint SpentHeight);

/// <summary>One non-orphaned <c>asset_events</c> row (issuance, transfer, burn, destroyed, Counterparty message kinds).</summary>
public sealed record AssetEventLine(string Protocol, string AssetId, uint Height, string Txid, string Kind, uint Seq,
    ulong Quantity, string Address, int N);

/// <summary>One non-orphaned <c>assets</c> row.</summary>
public sealed record AssetRecord(string Protocol, string AssetId, string Name, string MetadataHex, string MetadataUtf8,
    string DefinitionUrl, short Divisibility, sbyte LockStatus, string AggregationPolicy, string FirstTxid, uint FirstHeight,
    string FirstBlockHash);

/// <summary>A row of the <c>balances</c> view: what an address holds of an asset (unspent outputs).</summary>
public sealed record BalanceLine(string Protocol, string AssetId, string Address, ulong Quantity, ulong Outputs);

/// <summary>One colored transaction of a block (a protocol per row).</summary>
public sealed record BlockColoredTx(string Txid, string Protocol, uint TxIndex, string Kind, byte Valid, string Error);

/// <summary>One non-orphaned <c>counterparty_messages</c> row naming an address (as source or destination).</summary>
public sealed record CounterpartyMessageLine(string Txid, uint Height, string MessageType, string Source, string Destination,
    string Asset, long Quantity, byte Valid);
