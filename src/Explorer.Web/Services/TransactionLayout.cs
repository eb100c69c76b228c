using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Globalization;
using Explorer.Protocols.Common;
using NBitcoin;

namespace Explorer.Web.Services;

/// <summary>
/// The raw view of a transaction itself: layer <c>tx</c> (the serialization, BIP 144 when it has witnesses) with
/// every field annotated, and one layer per output script (<c>output[i].script</c>) with each opcode and push
/// annotated. Serialization: https://developer.bitcoin.org/reference/transactions.html#raw-transaction-format
/// </summary>
public static class TransactionLayout
{
    public const string TxLayer = "tx";

    public static RawView Of(Transaction tx)
    {
        var bytes = tx.ToBytes();
        var annotations = ImmutableArray.CreateBuilder<Annotation>();
        var reader = new Cursor(bytes, annotations);

        reader.Fixed("version", 4, b => BinaryPrimitives.ReadUInt32LittleEndian(b).ToString(CultureInfo.InvariantCulture));
        // BIP 144: "marker ... MUST be a 1-byte zero value: 0x00"; "flag ... MUST be a 1-byte non-zero value".
        var segwit = bytes.Length > 6 && bytes[4] == 0 && bytes[5] != 0;
        if (segwit)
        {
            reader.Fixed("segwit marker", 1, _ => "0x00");
            reader.Fixed("segwit flag", 1, b => "0x" + Convert.ToHexStringLower(b));
        }

        var inputCount = reader.VarInt("input count");
        for (var i = 0; i < inputCount && reader.Ok; i++)
        {
            reader.Fixed($"input[{i}].prevout.txid", 32, b => new uint256(b.ToArray()).ToString());
            reader.Fixed($"input[{i}].prevout.index", 4, b => BinaryPrimitives.ReadUInt32LittleEndian(b).ToString(CultureInfo.InvariantCulture));
            var scriptLength = reader.VarInt($"input[{i}].scriptSig length");
            reader.Fixed($"input[{i}].scriptSig", scriptLength, b => new Script(b.ToArray()).ToString());
            reader.Fixed($"input[{i}].sequence", 4, b => "0x" + BinaryPrimitives.ReadUInt32LittleEndian(b).ToString("x8", CultureInfo.InvariantCulture));
        }

        var outputCount = reader.VarInt("output count");
        for (var i = 0; i < outputCount && reader.Ok; i++)
        {
            reader.Fixed($"output[{i}].value", 8, b => BinaryPrimitives.ReadInt64LittleEndian(b).ToString(CultureInfo.InvariantCulture) + " sat");
            var scriptLength = reader.VarInt($"output[{i}].script length");
            reader.Fixed($"output[{i}].script", scriptLength, b => ScriptKinds.Of(new Script(b.ToArray())));
        }

        if (segwit)
        {
            for (var i = 0; i < inputCount && reader.Ok; i++)
            {
                var items = reader.VarInt($"input[{i}].witness count");
                for (var j = 0; j < items && reader.Ok; j++)
                {
                    var length = reader.VarInt($"input[{i}].witness[{j}] length");
                    reader.Fixed($"input[{i}].witness[{j}]", length, b => b.Length + " bytes");
                }
            }
        }
        reader.Fixed("lock time", 4, b => BinaryPrimitives.ReadUInt32LittleEndian(b).ToString(CultureInfo.InvariantCulture));

        var layers = ImmutableArray.CreateBuilder<ByteLayer>();
        var scriptAnnotations = ImmutableArray.CreateBuilder<Annotation>();
        layers.Add(new ByteLayer(TxLayer, Convert.ToHexStringLower(bytes)));
        for (var i = 0; i < tx.Outputs.Count; i++)
        {
            var script = tx.Outputs[i].ScriptPubKey;
            var name = $"output[{i}].script";
            layers.Add(new ByteLayer(name, script.ToHex(), script.ToString()));
            scriptAnnotations.AddRange(ScriptLayout.Annotate(script.ToBytes(true), name));
        }
        return new RawView(layers.ToImmutable(), [.. annotations, .. scriptAnnotations]);
    }

    /// <summary>Walks the serialization, annotating as it goes; stops (Ok = false) at the first short read.</summary>
    private sealed class Cursor(byte[] bytes, ImmutableArray<Annotation>.Builder annotations)
    {
        private int _offset;

        public bool Ok { get; private set; } = true;

        public void Fixed(string field, long length, Func<ReadOnlySpan<byte>, string> describe)
        {
            if (!Ok || length < 0 || _offset + length > bytes.Length) { Ok = false; return; }
            var span = bytes.AsSpan(_offset, (int)length);
            annotations.Add(new Annotation(field, describe(span), TxLayer, _offset, (int)length));
            _offset += (int)length;
        }

        public long VarInt(string field)
        {
            if (!Ok || _offset >= bytes.Length) { Ok = false; return 0; }
            var prefix = bytes[_offset];
            var size = prefix switch { 0xfd => 3, 0xfe => 5, 0xff => 9, _ => 1 };
            if (_offset + size > bytes.Length) { Ok = false; return 0; }
            var body = bytes.AsSpan(_offset + 1, size - 1);
            var value = size switch
            {
                1 => prefix,
                3 => BinaryPrimitives.ReadUInt16LittleEndian(body),
                5 => BinaryPrimitives.ReadUInt32LittleEndian(body),
                _ => (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(body), long.MaxValue),
            };
            annotations.Add(new Annotation(field, value.ToString(CultureInfo.InvariantCulture), TxLayer, _offset, size));
            _offset += size;
            return value;
        }
    }
}
