using System.Diagnostics.CodeAnalysis;
using NBitcoin;

namespace Explorer.Protocols.Colu;

/// <summary>
/// The OP_RETURN output that carries Colu data: the first output whose script is OP_RETURN followed by a push whose
/// data starts with the "CC" tag (cc-transaction-builder writes <c>OP_RETURN &lt;payload&gt;</c>). Colu's indexers keep
/// looking past a tagged payload that does not decode (<see cref="TryFind(Transaction, int, out ColuOpReturn)"/>).
/// </summary>
public sealed record ColuOpReturn(int OutputIndex, byte[] Script, byte[] Payload, int PayloadOffset)
{
    public static bool TryFind(Transaction tx, [MaybeNullWhen(false)] out ColuOpReturn found) => TryFind(tx, 0, out found);

    /// <summary>The first CC-tagged OP_RETURN at or after output <paramref name="startOutput"/>.</summary>
    public static bool TryFind(Transaction tx, int startOutput, [MaybeNullWhen(false)] out ColuOpReturn found)
    {
        ArgumentNullException.ThrowIfNull(tx);
        for (var i = Math.Max(0, startOutput); i < tx.Outputs.Count; i++)
        {
            var script = tx.Outputs[i].ScriptPubKey.ToBytes(true);
            if (TryReadPush(script, out var offset, out var length) && ColuPayloadDecoder.HasTag(script.AsSpan(offset, length)))
            {
                found = new ColuOpReturn(i, script, script.AsSpan(offset, length).ToArray(), offset);
                return true;
            }
        }
        found = null;
        return false;
    }

    /// <summary>Reads the first push after OP_RETURN: direct push (1–75 bytes), OP_PUSHDATA1, 2 or 4.</summary>
    public static bool TryReadPush(ReadOnlySpan<byte> script, out int offset, out int length)
    {
        offset = 0;
        length = 0;
        if (script.Length < 2 || script[0] != (byte)OpcodeType.OP_RETURN) return false;
        var op = script[1];
        long size;
        int header;
        switch (op)
        {
            case >= 1 and <= 75: size = op; header = 1; break;
            case 0x4C when script.Length >= 3: size = script[2]; header = 2; break;
            case 0x4D when script.Length >= 4: size = script[2] | (script[3] << 8); header = 3; break;
            case 0x4E when script.Length >= 6: size = (uint)(script[2] | (script[3] << 8) | (script[4] << 16) | (script[5] << 24)); header = 5; break;
            default: return false;
        }
        if (1 + header + size > script.Length) return false;
        offset = 1 + header;
        length = (int)size;
        return true;
    }
}
