using System.ComponentModel.DataAnnotations;

namespace Explorer.Web.Services;

/// <summary>Settings of the web app, section <c>Web</c>.</summary>
public sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>Largest accepted body of <c>POST /api/v1/decode</c>; larger bodies get 413.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxDecodeBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>How long a store query may take before the store is reported unreachable.</summary>
    [Range(1, 300)]
    public int StoreQueryTimeoutSeconds { get; set; } = 5;

    /// <summary>How long any other store query (pages, API) may take before it is answered as "store unavailable"
    /// (503): the driver's own default is 120 s, after which the answer used to be a 500.</summary>
    [Range(1, 3600)]
    public int StoreRequestTimeoutSeconds { get; set; } = 30;

    /// <summary>How often the live view (home, block list, mempool) polls the store for a new tip or mempool change, in seconds.</summary>
    [Range(0.05, 3600)]
    public double LiveRefreshSeconds { get; set; } = 3;

    /// <summary>The chain the indexer reads (the indexer's names: main, test, testnet4, signet, regtest): addresses are
    /// shown and parsed for it.</summary>
    [RegularExpression("^(main|test|testnet4|signet|regtest)$")]
    public string Network { get; set; } = "main";

    /// <summary>The <see cref="Network"/> as NBitcoin's (testnet4 and signet share testnet's address prefixes, as the
    /// indexer's ChainNetwork has it).</summary>
    public NBitcoin.Network ChainNetwork => Network switch
    {
        "test" or "testnet4" or "signet" => NBitcoin.Network.TestNet,
        "regtest" => NBitcoin.Network.RegTest,
        _ => NBitcoin.Network.Main,
    };

    /// <summary>The decode page's network choice for this chain (main, test or regtest): what the page starts with.</summary>
    public string DecodeNetwork => Network switch
    {
        "test" or "testnet4" or "signet" => "test",
        "regtest" => "regtest",
        _ => "main",
    };
}
