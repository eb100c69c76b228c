using System.Diagnostics.CodeAnalysis;

namespace Explorer.Protocols.OpenAssets;

/// <summary>
/// The asset definition pointer carried by a pay-to-script-hash issuing script, whose redeem script is
/// <c>PUSHDATA(&lt;asset definition pointer&gt;) OP_DROP [remainder of the script]</c>.
/// Spec: https://github.com/OpenAssets/open-assets-protocol/blob/master/asset-definition-protocol.mediawiki#determining-the-asset-definition-pointer-associated-to-an-asset
/// </summary>
/// <param name="Pointer">The parsed pointer.</param>
/// <param name="PointerRange">Where the pointer bytes sit in the scriptSig.</param>
/// <param name="RedeemScript">The whole redeem script (the last push of the scriptSig).</param>
/// <param name="RedeemRange">Where the redeem script sits in the scriptSig.</param>
/// <param name="Remainder">The redeem script after PUSHDATA and OP_DROP: "the asset ID to be included in this list
/// is calculated by hashing only the remainder script (without the initial PUSHDATA and OP_DROP)".</param>
public sealed record RedeemScriptPointer(
    AssetDefinitionPointer Pointer, FieldSpan PointerRange, ReadOnlyMemory<byte> RedeemScript, FieldSpan RedeemRange, ReadOnlyMemory<byte> Remainder)
{
    private const byte OpDrop = 0x75;

    /// <summary>The asset ID a definition file must list for this pointer (hash of the remainder script).</summary>
    public OaAssetId DefinitionAssetId => OaAssetId.FromScript(Remainder.Span);

    /// <summary>
    /// Reads the pointer from the scriptSig that redeemed a P2SH issuing script: the scriptSig's last push is the
    /// redeem script; "the corresponding redeem script starts with a PUSHDATA followed by a OP_DROP" and "the
    /// PUSHDATA payload is a valid asset definition pointer". Pure; false when any condition fails.
    /// </summary>
    public static bool TryFromScriptSig(ReadOnlySpan<byte> scriptSig, [NotNullWhen(true)] out RedeemScriptPointer? result)
    {
        result = null;
        FieldSpan last = default;
        var found = false;
        var ops = new ScriptOpReader(scriptSig);
        while (ops.TryRead(out _, out var isPush, out var data))
        {
            // A P2SH scriptSig is push-only; its last push is the serialized redeem script.
            if (!isPush) return false;
            last = data;
            found = true;
        }
        if (!found || ops.HitInvalidPush) return false;

        var redeem = scriptSig.Slice(last.Offset, last.Length);
        var inner = new ScriptOpReader(redeem);
        // "starts with a PUSHDATA": OP_1..OP_16 are not PUSHDATA, so they never carry a pointer.
        if (!inner.TryRead(out _, out var firstIsPush, out var pushed) || !firstIsPush) return false;
        // "... followed by a OP_DROP"
        if (!inner.TryRead(out var drop, out var dropIsPush, out _) || dropIsPush || redeem[drop.Offset] != OpDrop) return false;
        if (!AssetDefinitionPointer.TryParse(redeem.Slice(pushed.Offset, pushed.Length), out var pointer)) return false;

        result = new RedeemScriptPointer(
            pointer, pushed.Shift(last.Offset), redeem.ToArray(), last, redeem[drop.End..].ToArray());
        return true;
    }
}
