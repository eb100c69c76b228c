using Explorer.ChainForge.Wallet;
using NBitcoin;

namespace Explorer.ChainForge.Chain;

/// <summary>An unspent output the forge owns: where it is, what it holds, who can spend it, when it was created.</summary>
public sealed record ForgeCoin(OutPoint OutPoint, TxOut TxOut, WalletAddress Owner, int Height, bool IsCoinbase)
{
    /// <summary>Core's COINBASE_MATURITY (src/consensus/consensus.h): a coinbase output is spendable 100 blocks later.</summary>
    public const int CoinbaseMaturity = 100;

    public bool IsMatureAt(int spendHeight) => !IsCoinbase || spendHeight - Height >= CoinbaseMaturity;
}
