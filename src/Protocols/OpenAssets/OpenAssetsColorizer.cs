using System.Collections.Immutable;
using NBitcoin;

namespace Explorer.Protocols.OpenAssets;

/// <summary>
/// The Open Assets coloring engine: a pure function of (transaction, colors of the spent outputs, script of the
/// output spent by the first input). No I/O: the caller supplies the parents' colors.
/// Spec: https://github.com/OpenAssets/open-assets-protocol/blob/master/specification.mediawiki#open-assets-transactions
/// </summary>
public static class OpenAssetsColorizer
{
    /// <param name="tx">The transaction to color.</param>
    /// <param name="spentColors">Color of the output spent by each input, aligned with the inputs; null, a missing
    /// entry or a zero quantity means uncolored (a colored output always has "a strictly positive asset quantity").</param>
    /// <param name="issuanceScript">The script of the output spent by input 0, or null when unknown: issuance
    /// outputs then keep their role and quantity but get no asset ID.</param>
    public static ColoringResult Colorize(Transaction tx, IReadOnlyList<InputColor?> spentColors, Script? issuanceScript)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(spentColors);
        var outputCount = tx.Outputs.Count;
        if (!MarkerLocator.TryFind(tx, out var markerIndex, out var marker))
            // "Transactions that are not recognized as an Open Assets transaction are considered as having all
            // their outputs uncolored."
            return new ColoringResult(-1, null, ColoringError.None, null, null, AllUncolored(outputCount));

        var quantities = marker.Marker.Quantities;
        // "If there are more items in the asset quantity list than the number of colorable outputs, the
        // transaction is deemed invalid, and all outputs are uncolored."
        if (quantities.Length > outputCount - 1)
            return Invalid(tx, markerIndex, marker, ColoringError.QuantitiesBeyondOutputs,
                $"{quantities.Length} asset quantities for {outputCount - 1} colorable outputs");

        for (var i = 0; i < tx.Inputs.Count && i < spentColors.Count; i++)
            if (spentColors[i] is { Quantity: > MarkerPayloadDecoder.MaxQuantity })
                return Invalid(tx, markerIndex, marker, ColoringError.Overflow,
                    $"input {i} claims {spentColors[i]!.Value.Quantity} units, above 2^63 - 1");

        var outputs = ImmutableArray.CreateBuilder<OutputColor>(outputCount);
        // "All outputs preceding the marker output and with a non-zero asset quantity get assigned the asset address
        // identified by the RIPEMD-160 hash of the output script referenced by the first input of the transaction."
        OaAssetId? issued = null;
        var hasIssuance = false;
        for (var i = 0; i < markerIndex; i++)
        {
            var q = marker.Marker.QuantityOfOutput(i, markerIndex);
            // "Outputs that have an asset quantity of zero are uncolored."
            if (q == 0) { outputs.Add(new OutputColor(i, OutputRole.Uncolored, null, 0)); continue; }
            // Hash the script only when something is issued.
            if (!hasIssuance && issuanceScript is not null) issued = OaAssetId.FromScript(issuanceScript);
            hasIssuance = true;
            outputs.Add(new OutputColor(i, OutputRole.Issuance, issued, q));
        }
        // "The marker output is always uncolored."
        outputs.Add(new OutputColor(markerIndex, OutputRole.Marker, null, 0));

        // Order-based coloring: "Inputs are seen as a sequence of asset units, each having an asset address.
        // Similarly, outputs are seen as a sequence of asset units to be assigned an asset address."
        var input = 0;
        var unitsLeft = 0UL;
        var current = default(OaAssetId);
        for (var i = markerIndex + 1; i < outputCount; i++)
        {
            var q = marker.Marker.QuantityOfOutput(i, markerIndex);
            if (q == 0)
            {
                // "Outputs with an asset quantity of zero are always considered uncolored."
                outputs.Add(new OutputColor(i, OutputRole.Uncolored, null, 0));
                continue;
            }
            OaAssetId? assigned = null;
            for (var need = q; need > 0;)
            {
                if (unitsLeft == 0)
                {
                    // Uncolored inputs add no unit to the input sequence.
                    while (input < tx.Inputs.Count && (input >= spentColors.Count || spentColors[input] is not { Quantity: > 0 }))
                        input++;
                    // "If there are less asset units in the input sequence than in the output sequence, the
                    // transaction is considered invalid and all outputs are uncolored."
                    if (input >= tx.Inputs.Count)
                        return Invalid(tx, markerIndex, marker, ColoringError.InsufficientInputUnits,
                            $"output {i} needs {need} more units than the inputs hold");
                    (current, unitsLeft) = spentColors[input]!.Value;
                    input++;
                }
                // "If any output contains units from more than one distinct asset address, the whole transaction
                // is considered invalid, and all outputs are uncolored."
                if (assigned is { } a && a != current)
                    return Invalid(tx, markerIndex, marker, ColoringError.MixedAssetIds,
                        $"output {i} would mix {a} and {current}");
                assigned = current;
                var take = Math.Min(need, unitsLeft);
                need -= take;
                unitsLeft -= take;
            }
            outputs.Add(new OutputColor(i, OutputRole.Transfer, assigned, q));
        }
        return new ColoringResult(markerIndex, marker, ColoringError.None, null, issued, outputs.MoveToImmutable());
    }

    /// <summary>
    /// Input units that no output receives, per asset in order of first appearance among the inputs ("Input units
    /// left over ... are destroyed"): what the transfers of <paramref name="result"/> leave, or every input unit when
    /// the transaction has no valid marker ("all outputs are uncolored"). Empty for coinbase transactions and
    /// transactions without inputs. Computed on demand, like NBitcoin's <c>GetDestroyedAssets()</c>; quantities are
    /// <see cref="UInt128"/> because several inputs of up to 2^63 - 1 units overflow 64 bits.
    /// </summary>
    public static ImmutableArray<AssetUnits> Destroyed(Transaction tx, IReadOnlyList<InputColor?> spentColors, ColoringResult result)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(spentColors);
        ArgumentNullException.ThrowIfNull(result);
        if (tx.Inputs.Count == 0 || tx.IsCoinBase) return [];
        var outputs = result.Outputs;
        var n = Math.Min(tx.Inputs.Count, spentColors.Count);
        var ids = new OaAssetId[n];
        var sums = new UInt128[n];
        var distinct = 0;
        for (var i = 0; i < n; i++)
        {
            if (spentColors[i] is not { Quantity: > 0 } c) continue;
            var at = IndexOf(ids, distinct, c.AssetId);
            if (at < 0) { at = distinct++; ids[at] = c.AssetId; }
            sums[at] += c.Quantity;
        }
        if (distinct == 0) return [];
        foreach (var o in outputs)
                if (o.Role == OutputRole.Transfer && IndexOf(ids, distinct, o.AssetId!.Value) is var at and >= 0)
                    sums[at] -= o.Quantity; // transfers draw only on input units of their own asset
        var left = ImmutableArray.CreateBuilder<AssetUnits>(distinct);
        for (var k = 0; k < distinct; k++)
            if (sums[k] != 0) left.Add(new AssetUnits(ids[k], sums[k]));
        return left.DrainToImmutable();
    }

    private static int IndexOf(OaAssetId[] ids, int count, OaAssetId id)
    {
        for (var k = 0; k < count; k++)
            if (ids[k] == id) return k;
        return -1;
    }

    private static ColoringResult Invalid(Transaction tx, int markerIndex, MarkerScript marker, ColoringError error, string detail) =>
        new(markerIndex, marker, error, detail, null, AllUncolored(tx.Outputs.Count));

    private static ImmutableArray<OutputColor> AllUncolored(int outputCount)
    {
        var b = ImmutableArray.CreateBuilder<OutputColor>(outputCount);
        for (var i = 0; i < outputCount; i++) b.Add(new OutputColor(i, OutputRole.Uncolored, null, 0));
        return b.MoveToImmutable();
    }
}
