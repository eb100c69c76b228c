using NBitcoin;

namespace Explorer.Protocols.Counterparty;

/// <summary>
/// Activation heights of the counterparty-core protocol changes that affect how transactions are read
/// (counterparty-core counterpartycore/protocol_changes.json, "block_index" for mainnet and "testnet3_block_index";
/// regtest runs with every change enabled) plus the network's addresses and burn settings (lib/config.py).
/// A rule is in force at height h when h &gt;= its activation height.
/// </summary>
public sealed record CounterpartyRules
{
    /// <summary>counterparty-core's network name: mainnet, testnet3, testnet4, signet or regtest.</summary>
    public string Name { get; init; } = "mainnet";
    public required Network Network { get; init; }
    public required string Unspendable { get; init; }
    public int BurnStart { get; init; }
    public int BurnEnd { get; init; }
    public int IssuanceFormatUpdate { get; init; }
    public int NewDividendFormat { get; init; }
    public int DataInPubkeyhash { get; init; }
    public int NumericAssetNames { get; init; }
    public int MultisigAddresses { get; init; }
    public int P2shAddresses { get; init; }
    public int FirstInputIsSource { get; init; }
    public int BroadcastPackText { get; init; }
    public int Subassets { get; init; }
    public int ShortTxTypeId { get; init; }
    public int EnhancedSends { get; init; }
    public int SegwitSupport { get; init; }
    public int P2shEncoding { get; init; }
    public int SweepSend { get; init; }
    public int Dispensers { get; init; }
    public int MpmaSends { get; init; }
    public int CorrectSegwitTxids { get; init; }
    public int PascalStringRemoved { get; init; }
    public int Cip03 { get; init; }
    /// <summary>testnet3 only: the 27-byte (lock inserted) and 28-byte issuance formats before the final 19-byte one.</summary>
    public int IssuanceFormat27 { get; init; } = int.MaxValue;
    public int IssuanceFormat28 { get; init; } = int.MaxValue;
    public int DispenserOriginPermissionExtended { get; init; }
    public int IssuanceDescriptionSpecialNull { get; init; }
    public int Fairminter { get; init; }
    public int UtxoSupport { get; init; }
    public int TaprootSupport { get; init; }
    public int FairminterV2 { get; init; }
    public int P2shDisabled { get; init; }
    public int OrdinalsMetadataSupport { get; init; }
    public int AmmPools { get; init; }
    /// <summary>"correct_transaction_fee" (v11.3.0): the fee subtracts every output, not only those up to the parser's stop.</summary>
    public int CorrectTransactionFee { get; init; }
    /// <summary>"require_reveal_source_signature" (v11.5.0, GHSA-q27c-r246-f6qw): a reveal names its source only when the
    /// envelope key is a key of the commit's funder (counterparty-rs src/reveal.rs).</summary>
    public int RequireRevealSourceSignature { get; init; }
    /// <summary>"mpma_taproot_support" (v11.4.0): MPMA address table entries are a length byte + the tagged packing.</summary>
    public int MpmaTaprootSupport { get; init; }

    /// <summary>Mainnet heights from protocol_changes.json.</summary>
    public static readonly CounterpartyRules Mainnet = new()
    {
        Network = Network.Main,
        Unspendable = "1CounterpartyXXXXXXXXXXXXXXXUWLpVr",
        BurnStart = 278310, BurnEnd = 283810,
        IssuanceFormatUpdate = 283272, NewDividendFormat = 288151, DataInPubkeyhash = 293000,
        NumericAssetNames = 333500, MultisigAddresses = 333500,
        P2shAddresses = 423888, FirstInputIsSource = 423888, BroadcastPackText = 423888,
        Subassets = 467417, ShortTxTypeId = 489956, EnhancedSends = 489956, SegwitSupport = 557236,
        P2shEncoding = 585538, SweepSend = 585538, Dispensers = 585538, MpmaSends = 616614,
        CorrectSegwitTxids = 662000, PascalStringRemoved = 745825, Cip03 = 753500,
        DispenserOriginPermissionExtended = 819300, IssuanceDescriptionSpecialNull = 819300,
        Fairminter = 866000, UtxoSupport = 866000,
        TaprootSupport = 902000, FairminterV2 = 902000, P2shDisabled = 902000,
        // ordinals_metadata_support: protocol_changes.json said 952800, but only the Rust deserializer enforces it and it
        // activated with v11.4.0 at 971700 (release notes v11.4.0, "ordinals_metadata_support heights corrected").
        OrdinalsMetadataSupport = 971700, AmmPools = 952800,
        CorrectTransactionFee = 966200, RequireRevealSourceSignature = 968846, MpmaTaprootSupport = 971700,
    };

    /// <summary>testnet3 heights ("testnet3_block_index"); rules listed there as 0 are always in force.</summary>
    public static readonly CounterpartyRules Testnet3 = new()
    {
        Name = "testnet3",
        Network = Network.TestNet,
        Unspendable = "mvCounterpartyXXXXXXXXXXXXXXW24Hef",
        BurnStart = 310000, BurnEnd = 99999999, // config.py BURN_START_TESTNET3, BURN_END_TESTNET3 (was 4017708)
        BroadcastPackText = 861987,
        ShortTxTypeId = 1179400, EnhancedSends = 1179400, SegwitSupport = 1440200,
        P2shEncoding = 1569194, SweepSend = 1569194, Dispensers = 1569194, MpmaSends = 1569194,
        CorrectSegwitTxids = 1666625, PascalStringRemoved = 2287021, Cip03 = 2288000,
        IssuanceFormat27 = 2288000, IssuanceFormat28 = 2342000,
        DispenserOriginPermissionExtended = 2499850, IssuanceDescriptionSpecialNull = 2505725,
        Fairminter = 2925800, UtxoSupport = 2925800,
        TaprootSupport = 4410000, FairminterV2 = 4410000, P2shDisabled = 4410000,
        OrdinalsMetadataSupport = 5166000, AmmPools = 4961300,
        CorrectTransactionFee = 5166000, RequireRevealSourceSignature = 5151305, MpmaTaprootSupport = 5166000,
    };

    /// <summary>testnet4 ("testnet4_block_index"; config.py UNSPENDABLE_TESTNET4, BURN_START_TESTNET4/BURN_END_TESTNET4):
    /// every change before taproot_support is in force from block 0. Addresses are testnet3's (base58 111/196, "tb").</summary>
    public static readonly CounterpartyRules Testnet4 = new()
    {
        Name = "testnet4",
        Network = Network.TestNet,
        Unspendable = "mvCounterpartyXXXXXXXXXXXXXXW24Hef",
        BurnStart = 63240, BurnEnd = 4017708,
        TaprootSupport = 85000, FairminterV2 = 85000, P2shDisabled = 85000,
        AmmPools = 136300, OrdinalsMetadataSupport = 155500,
        CorrectTransactionFee = 153700, RequireRevealSourceSignature = 154138, MpmaTaprootSupport = 155500,
    };

    /// <summary>signet ("signet_block_index"; config.py UNSPENDABLE_SIGNET, BURN_START_SIGNET/BURN_END_SIGNET): every
    /// change is in force from block 0 except those listed (so, as on regtest, P2SH data encoding never applies).</summary>
    public static readonly CounterpartyRules Signet = new()
    {
        Name = "signet",
        Network = Network.TestNet,
        Unspendable = "mvCounterpartyXXXXXXXXXXXXXXW24Hef",
        BurnStart = 255110, BurnEnd = 999999999,
        AmmPools = 310300,
        RequireRevealSourceSignature = 323915, MpmaTaprootSupport = 325500,
    };

    /// <summary>Regtest: every protocol change is in force from block 0 (so P2SH data encoding, disabled by
    /// <c>p2sh_disabled</c>, never applies).</summary>
    public static readonly CounterpartyRules Regtest = new()
    {
        Name = "regtest",
        Network = Network.RegTest,
        Unspendable = "mvCounterpartyXXXXXXXXXXXXXXW24Hef",
        BurnStart = 101, BurnEnd = 150000000,
    };

    /// <summary>The rules of a network: mainnet, testnet (testnet3) or regtest.</summary>
    public static CounterpartyRules For(Network network) =>
        network == Network.TestNet ? Testnet3 : network == Network.RegTest ? Regtest : Mainnet;

    /// <summary>The rules of a network named as the indexer and counterparty-core name them (main|mainnet,
    /// test|testnet|testnet3, testnet4, signet, regtest); null for an unknown name.</summary>
    public static CounterpartyRules? ForName(string? name) => name?.ToLowerInvariant() switch
    {
        "main" or "mainnet" => Mainnet,
        "test" or "testnet" or "testnet3" => Testnet3,
        "testnet4" => Testnet4,
        "signet" => Signet,
        "regtest" => Regtest,
        _ => null,
    };

    /// <summary>Height used when none is given: the newest rules.</summary>
    public const int Newest = int.MaxValue - 1;

    /// <summary>"issuance_asset_serialization_length": 26 (&gt;QQ??If), testnet3 27 and 28, then 19 (&gt;QQ???) from cip03.</summary>
    public int IssuanceLength(int height) =>
        Name == "testnet3"
            ? height >= 2343963 ? 19 : height >= IssuanceFormat28 ? 28 : height >= IssuanceFormat27 ? 27 : 26
            : height >= Cip03 ? 19 : 26;

    /// <summary>"issuance_subasset_serialization_length": 18 (&gt;QQ?B), testnet3 19, then 20 (&gt;QQ???B).</summary>
    public int SubassetLength(int height) =>
        Name == "testnet3"
            ? height >= IssuanceFormat28 ? 20 : height >= IssuanceFormat27 ? 19 : 18
            : height >= Cip03 ? 20 : 18;
}
