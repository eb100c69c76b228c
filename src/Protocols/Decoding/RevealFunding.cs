using NBitcoin;

namespace Explorer.Protocols.Decoding;

/// <summary>The output spent by input 0 of a Counterparty reveal's commit transaction: where it is and what it is
/// (counterparty-core takes it as the reveal's source: backend/bitcoind.py get_reveal_prevouts).</summary>
public sealed record RevealFunding(OutPoint OutPoint, TxOut Output);
