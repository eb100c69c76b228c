using System.Collections.Immutable;

namespace Explorer.Protocols.Colu;

/// <summary>
/// Assigns input assets to outputs exactly like npm cc-get-assets-outputs 1.2.1 (index.js, identical to
/// inbitcoin/cc-get-assets-outputs@cad3801): payments in order from a cursor over the inputs' assets, continuation into the
/// next asset only for the same aggregatable asset, leftovers to the last output, and on any invalid payment ("overflow")
/// every input asset, unburned, to the last output. Pure and allocation-light; never throws on any input.
/// Spec: https://github.com/Colored-Coins/Colored-Coins-Protocol-Specification/wiki/Coloring-Scheme
/// </summary>
public static class ColuTransferEngine
{
    /// <summary>
    /// Colors the outputs. <paramref name="inputs"/> holds each input's assets in order (for an issuance, the issued asset
    /// is already first on input 0, see <see cref="WithIssuance"/>); <paramref name="outputCount"/> is vout.length.
    /// </summary>
    public static ColuTransferResult Transfer(IReadOnlyList<ImmutableArray<ColuAsset>> inputs, IReadOnlyList<ColuPayment> payments, int outputCount)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(payments);
        var outputs = new List<ColuAsset>?[Math.Max(outputCount, 0)];
        var burned = ImmutableArray.CreateBuilder<ColuAsset>();
        var reason = TryPay(inputs, payments, outputCount, outputs, burned);
        if (reason is not null)
        {
            // "If any invalid condition is hit, all payments are discarded, nothing is burned, and every input asset
            // (including a just-issued one) goes to the last output, merged where aggregatable."
            Array.Clear(outputs);
            burned.Clear();
            ToLastOutput(outputs, inputs.SelectMany(i => i.IsDefault ? [] : i), outputCount - 1);
        }
        var result = ImmutableArray.CreateBuilder<ImmutableArray<ColuAsset>>(outputs.Length);
        foreach (var list in outputs) result.Add(list is null ? [] : [.. list]);
        return new ColuTransferResult(result.MoveToImmutable(), reason is not null, reason, burned.ToImmutable());
    }

    /// <summary>"Prepend the new asset to vin[0].assets with amount = issued amount and assetId from the asset ID rules."</summary>
    public static ImmutableArray<ImmutableArray<ColuAsset>> WithIssuance(IReadOnlyList<ImmutableArray<ColuAsset>> inputs, ColuAsset issued)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var builder = ImmutableArray.CreateBuilder<ImmutableArray<ColuAsset>>(Math.Max(inputs.Count, 1));
        for (var i = 0; i < inputs.Count; i++) builder.Add(inputs[i].IsDefault ? [] : inputs[i]);
        if (builder.Count == 0) builder.Add([]);
        builder[0] = builder[0].Insert(0, issued);
        return builder.ToImmutable();
    }

    /// <summary>Applies the payments; returns null on success or the reason of the overflow.</summary>
    private static string? TryPay(IReadOnlyList<ImmutableArray<ColuAsset>> inputs, IReadOnlyList<ColuPayment> payments, int outputCount,
        List<ColuAsset>?[] outputs, ImmutableArray<ColuAsset>.Builder burned)
    {
        // Working copy of the remaining amounts ("_inputs = _.cloneDeep(transaction_data.vin)").
        var remaining = new ulong[inputs.Count][];
        for (var i = 0; i < inputs.Count; i++)
        {
            var assets = inputs[i].IsDefault ? [] : inputs[i];
            remaining[i] = new ulong[assets.Length];
            for (var a = 0; a < assets.Length; a++) remaining[i][a] = assets[a].Amount;
        }
        int currentInput = 0, currentAsset = 0, lastPaymentIndex = -1;
        for (var p = 0; p < payments.Count; p++)
        {
            var payment = payments[p];
            // "v1.2 supports only simple payments": a range or percent payment is an overflow.
            if (payment.Range || payment.Percent) return $"payment {p} is a range or percent payment";
            if (payment.Input >= inputs.Count) return $"payment {p} spends input {payment.Input}, the transaction has {inputs.Count}";
            // "payment.output ≥ number of outputs (checked even when the amount is 0)"; a burn has no output.
            if (!payment.Burn && payment.Output >= outputCount) return $"payment {p} pays output {payment.Output}, the transaction has {outputCount}";
            var toPay = payment.Amount;
            if (toPay == 0) continue; // "A payment with amount 0 is skipped after those checks."
            if (currentInput < payment.Input) { currentInput = payment.Input; currentAsset = 0; }
            while (true)
            {
                if (currentInput >= inputs.Count || currentAsset >= remaining[currentInput].Length)
                    return $"payment {p}: no asset left at input {currentInput}";
                var asset = inputs[currentInput][currentAsset];
                var available = remaining[currentInput][currentAsset];
                var amount = Math.Min(toPay, available);
                if (payment.Burn)
                {
                    if (amount > 0) burned.Add(asset with { Amount = amount });
                }
                else
                {
                    var list = outputs[payment.Output!.Value] ??= [];
                    if (lastPaymentIndex == p)
                    {
                        // Continuation of the same payment: "allowed only if that asset has the same assetId as the last entry
                        // on that output and is aggregatable; the units are then added to that entry. Otherwise it is an overflow."
                        if (list.Count == 0 || list[^1].AssetId != asset.AssetId || !asset.IsAggregatable)
                            return $"payment {p} runs into a different or non-aggregatable asset at input {currentInput}";
                        if (!TryAdd(list[^1].Amount, amount, out var sum)) return $"payment {p}: amount overflow";
                        list[^1] = list[^1] with { Amount = sum };
                    }
                    else
                    {
                        list.Add(asset with { Amount = amount });
                    }
                }
                remaining[currentInput][currentAsset] = available - amount;
                toPay -= amount;
                if (available - amount == 0)
                {
                    currentAsset++;
                    while (currentInput < inputs.Count && currentAsset > remaining[currentInput].Length - 1)
                    {
                        currentAsset = 0;
                        currentInput++;
                    }
                }
                lastPaymentIndex = p;
                if (toPay == 0) break; // otherwise "payment not completed, stay on current payment"
            }
        }
        // "After all payments, every asset amount left over on every input goes to the last output, in input order."
        ToLastOutput(outputs, Leftovers(inputs, remaining), outputCount - 1);
        return null;
    }

    private static IEnumerable<ColuAsset> Leftovers(IReadOnlyList<ImmutableArray<ColuAsset>> inputs, ulong[][] remaining)
    {
        for (var i = 0; i < inputs.Count; i++)
            for (var a = 0; a < remaining[i].Length; a++)
                yield return inputs[i][a] with { Amount = remaining[i][a] };
    }

    /// <summary>
    /// transferToLastOutput: aggregatable assets whose assetId was already placed in this group are added to that entry
    /// (the first entry placed for the id, whatever its policy); any other asset with a positive amount is a new entry.
    /// </summary>
    private static void ToLastOutput(List<ColuAsset>?[] outputs, IEnumerable<ColuAsset> assets, int lastOutput)
    {
        if (lastOutput < 0 || lastOutput >= outputs.Length) return;
        var group = new List<ColuAsset>();
        var firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var asset in assets)
        {
            var key = asset.AssetId ?? "undefined"; // the reference keys an object by the id, so a missing id is "undefined"
            if (asset.IsAggregatable && firstIndex.TryGetValue(key, out var index) && TryAdd(group[index].Amount, asset.Amount, out var sum))
            {
                group[index] = group[index] with { Amount = sum };
            }
            else if (asset.Amount > 0)
            {
                firstIndex.TryAdd(key, group.Count);
                group.Add(asset);
            }
        }
        (outputs[lastOutput] ??= []).AddRange(group);
    }

    private static bool TryAdd(ulong a, ulong b, out ulong sum)
    {
        sum = a + b;
        return sum >= a;
    }
}
