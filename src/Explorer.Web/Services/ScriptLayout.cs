using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Globalization;
using Explorer.Protocols.Common;
using NBitcoin;

namespace Explorer.Web.Services;

/// <summary>
/// Annotates each opcode of a script with the bytes it occupies: pushes (OP_PUSHBYTES_n, OP_PUSHDATA1/2/4) cover
/// their length prefix and data. Script encoding: https://en.bitcoin.it/wiki/Script#Constants
/// </summary>
public static class ScriptLayout
{
    private const byte OpPushData1 = 0x4c;
    private const byte OpPushData2 = 0x4d;
    private const byte OpPushData4 = 0x4e;

    public static ImmutableArray<Annotation> Annotate(ReadOnlySpan<byte> script, string layer)
    {
        var result = ImmutableArray.CreateBuilder<Annotation>();
        var offset = 0;
        var index = 0;
        while (offset < script.Length)
        {
            var opcode = script[offset];
            // "The next opcode bytes is data to be pushed onto the stack" (0x01-0x4b); PUSHDATA1/2/4 read a
            // 1/2/4-byte little-endian length first.
            var prefixLength = opcode switch { OpPushData1 => 2, OpPushData2 => 3, OpPushData4 => 5, _ => 1 };
            long dataLength = opcode switch
            {
                >= 0x01 and <= 0x4b => opcode,
                OpPushData1 when script.Length >= offset + 2 => script[offset + 1],
                OpPushData2 when script.Length >= offset + 3 => BinaryPrimitives.ReadUInt16LittleEndian(script[(offset + 1)..]),
                OpPushData4 when script.Length >= offset + 5 => BinaryPrimitives.ReadUInt32LittleEndian(script[(offset + 1)..]),
                OpPushData1 or OpPushData2 or OpPushData4 => -1,
                _ => 0,
            };
            var field = $"op[{index}]";
            if (dataLength < 0 || offset + prefixLength + dataLength > script.Length)
            {
                result.Add(new Annotation(field, "truncated push", layer, offset, script.Length - offset));
                break;
            }
            var length = prefixLength + (int)dataLength;
            var value = dataLength > 0 || opcode is OpPushData1 or OpPushData2 or OpPushData4
                ? $"push {dataLength.ToString(CultureInfo.InvariantCulture)} bytes: " +
                  Convert.ToHexStringLower(script.Slice(offset + prefixLength, (int)dataLength))
                : Op.GetOpName((OpcodeType)opcode);
            result.Add(new Annotation(field, value, layer, offset, length));
            offset += length;
            index++;
        }
        return result.ToImmutable();
    }
}
