using System.Diagnostics.CodeAnalysis;
using NBitcoin;

namespace Explorer.Protocols.OpenAssets;

/// <summary>
/// Which output of a transaction is its marker.
/// Spec: https://github.com/OpenAssets/open-assets-protocol/blob/master/specification.mediawiki#marker-output
/// "If multiple valid marker outputs exist in the same transaction, the first one is used and the other ones are
/// considered as normal outputs." Valid here means "parses as a marker" (docs/openassets.md, "Which output is the
/// marker"): a later coloring failure makes the transaction invalid; it does not pass the role to a later output.
/// </summary>
public static class MarkerLocator
{
    /// <summary>The first output whose script holds a parsable marker, or false. Coinbase transactions and
    /// transactions without inputs never have one.</summary>
    public static bool TryFind(Transaction tx, out int index, [MaybeNullWhen(false)] out MarkerScript marker)
    {
        ArgumentNullException.ThrowIfNull(tx);
        index = -1;
        marker = null;
        // Python reference: "If the transaction is a coinbase transaction, the marker output is always invalid";
        // "If there is no input in the transaction, the marker output is always invalid".
        if (tx.Inputs.Count == 0 || tx.IsCoinBase) return false;
        var outputs = tx.Outputs;
        for (var i = 0; i < outputs.Count; i++)
        {
            var script = outputs[i].ScriptPubKey.ToBytes(true);
            if (!MarkerScriptParser.CouldBeMarker(script)) continue;
            if (MarkerScriptParser.TryParse(script, out marker))
            {
                index = i;
                return true;
            }
        }
        return false;
    }
}
