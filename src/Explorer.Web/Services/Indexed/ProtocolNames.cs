namespace Explorer.Web.Services.Indexed;

/// <summary>Protocol keys of the store (openassets, colu, counterparty) and their names in the decode contract.</summary>
public static class ProtocolNames
{
    public static string Title(string protocol) => protocol switch
    {
        "openassets" => "Open Assets",
        "colu" => "Colu",
        "counterparty" => "Counterparty",
        _ => protocol,
    };

    /// <summary>The answer key of the decode contract (docs/decode-cli.md).</summary>
    public static string AnswerKey(string protocol) => protocol switch
    {
        "openassets" => "openAssets",
        _ => protocol,
    };
}
