namespace Explorer.Web.Services.Indexed;

/// <summary>Page URLs of indexed things (path segments escaped).</summary>
public static class Links
{
    public static string Tx(string txid) => "/tx/" + Uri.EscapeDataString(txid);

    public static string Block(uint height) => "/block/" + height.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Block(string hash) => "/block/" + Uri.EscapeDataString(hash);

    public static string Asset(string protocol, string assetId) =>
        "/asset/" + Uri.EscapeDataString(protocol) + "/" + Uri.EscapeDataString(assetId);

    public static string Address(string address) => "/address/" + Uri.EscapeDataString(address);
}
