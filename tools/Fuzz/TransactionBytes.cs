using NBitcoin;

namespace Explorer.Fuzz;

/// <summary>The harness's own parsing of fuzzer bytes into a transaction. Failing to parse is not a finding.</summary>
public static class TransactionBytes
{
    public static bool TryParse(ReadOnlySpan<byte> data, out Transaction tx)
    {
        tx = null!;
        if (data.Length < 10) return false;
        try
        {
            tx = Transaction.Load(data.ToArray(), Network.Main);
            return true;
        }
#pragma warning disable CA1031 // NBitcoin's parser throws various exception types on garbage; none is a decoder finding.
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    /// <summary>Previous outputs for <paramref name="tx"/>'s inputs, taken from its own outputs (input i spends a copy of
    /// output i mod n), so that source and fee paths run on fuzzed scripts too.</summary>
    public static TxOut?[] SyntheticPrevouts(Transaction tx)
    {
        var prevouts = new TxOut?[tx.Inputs.Count];
        if (tx.Outputs.Count == 0) return prevouts;
        for (var i = 0; i < prevouts.Length; i++)
        {
            var o = tx.Outputs[i % tx.Outputs.Count];
            prevouts[i] = new TxOut(o.Value, o.ScriptPubKey);
        }
        return prevouts;
    }
}
