namespace Explorer.Web.Services.Indexed;

/// <summary>One non-orphaned <c>counterparty_messages</c> row naming an address (as source or destination).</summary>
public sealed record CounterpartyMessageLine(string Txid, uint Height, string MessageType, string Source, string Destination,
    string Asset, long Quantity, byte Valid, uint TxIndex = 0);
