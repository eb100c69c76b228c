namespace Explorer.Web.Services;

/// <summary>What the decode page's form holds, as typed by the user.</summary>
public sealed class DecodeForm
{
    /// <summary>Raw transaction hex; whitespace is ignored.</summary>
    public string Tx { get; set; } = string.Empty;

    /// <summary>One previous output per line, <c>N=SCRIPTHEX:SATS</c> (N = input index).</summary>
    public string Prevouts { get; set; } = string.Empty;

    /// <summary>Block height for Counterparty's rules; empty = newest.</summary>
    public string Height { get; set; } = string.Empty;

    /// <summary>main, test or regtest.</summary>
    public string Network { get; set; } = "main";
}
