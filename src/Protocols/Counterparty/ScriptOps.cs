using System.Buffers.Binary;

namespace Explorer.Protocols.Counterparty;

/// <summary>One script instruction: an opcode, and for pushes (opcodes 0x00-0x4e) where its data lies.</summary>
internal readonly record struct ScriptOp(byte Opcode, int DataOffset, int DataLength)
{
    public bool IsPush => Opcode <= 0x4e;
}

/// <summary>Splits a script into instructions like rust-bitcoin's <c>Script::instructions()</c>: OP_0 and
/// OP_PUSHBYTES/OP_PUSHDATA are pushes, OP_1..OP_16 and the rest are opcodes. A truncated push is an error.</summary>
internal static class ScriptOps
{
    public const byte OpFalse = 0x00, OpPushData1 = 0x4c, OpPushData2 = 0x4d, OpPushData4 = 0x4e;
    public const byte Op1 = 0x51, Op2 = 0x52, Op3 = 0x53, Op15 = 0x5f, Op16 = 0x60;
    public const byte OpIf = 0x63, OpEndIf = 0x68, OpDrop = 0x75, OpDup = 0x76, OpDepth = 0x74, OpEqual = 0x87;
    public const byte OpEqualVerify = 0x88, OpReturn = 0x6a, OpHash160 = 0xa9, OpCheckSig = 0xac;
    public const byte OpCheckSigVerify = 0xad, OpCheckMultiSig = 0xae, OpCheckMultiSigVerify = 0xaf;

    public static bool TryParse(ReadOnlySpan<byte> script, List<ScriptOp> ops)
    {
        ops.Clear();
        var pos = 0;
        while (pos < script.Length)
        {
            var op = script[pos++];
            int len;
            if (op < OpPushData1) len = op;
            else if (op == OpPushData1)
            {
                if (pos + 1 > script.Length) return false;
                len = script[pos]; pos += 1;
            }
            else if (op == OpPushData2)
            {
                if (pos + 2 > script.Length) return false;
                len = BinaryPrimitives.ReadUInt16LittleEndian(script[pos..]); pos += 2;
            }
            else if (op == OpPushData4)
            {
                if (pos + 4 > script.Length) return false;
                var l = BinaryPrimitives.ReadUInt32LittleEndian(script[pos..]);
                if (l > int.MaxValue) return false;
                len = (int)l; pos += 4;
            }
            else { ops.Add(new ScriptOp(op, pos, 0)); continue; }
            if (len > script.Length - pos) return false;
            ops.Add(new ScriptOp(op, pos, len));
            pos += len;
        }
        return true;
    }

    /// <summary>Pushes one data item with the smallest push opcode.</summary>
    public static void WritePush(List<byte> script, ReadOnlySpan<byte> data)
    {
        if (data.Length < OpPushData1) script.Add((byte)data.Length);
        else if (data.Length <= 0xff) { script.Add(OpPushData1); script.Add((byte)data.Length); }
        else if (data.Length <= 0xffff) { script.Add(OpPushData2); script.Add((byte)data.Length); script.Add((byte)(data.Length >> 8)); }
        else
        {
            script.Add(OpPushData4);
            for (var i = 0; i < 4; i++) script.Add((byte)(data.Length >> (8 * i)));
        }
        foreach (var b in data) script.Add(b);
    }
}
