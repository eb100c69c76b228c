using System.Buffers.Binary;

namespace Explorer.Protocols.OpenAssets;

/// <summary>
/// Walks the opcodes of a script the way Bitcoin Core's GetOp does: a push opcode (0x00-0x4e) is followed by its
/// length (for OP_PUSHDATA1/2/4) and its data; any other byte is a single opcode. A push whose length or data runs
/// past the end of the script is invalid and ends the walk (the bytes are all consumed by that broken push).
/// </summary>
internal ref struct ScriptOpReader(ReadOnlySpan<byte> script)
{
    public const byte OpPushData1 = 0x4C;
    public const byte OpPushData2 = 0x4D;
    public const byte OpPushData4 = 0x4E;

    private readonly ReadOnlySpan<byte> _script = script;
    private int _position;

    /// <summary>True when the walk stopped at a push that runs past the end of the script.</summary>
    public bool HitInvalidPush { get; private set; }

    /// <summary>Reads the next opcode. <paramref name="isPush"/> tells whether it pushes data; if so,
    /// <paramref name="data"/> is where the data sits in the script.</summary>
    public bool TryRead(out FieldSpan op, out bool isPush, out FieldSpan data)
    {
        op = default;
        data = default;
        isPush = false;
        if (HitInvalidPush || _position >= _script.Length) return false;
        var start = _position;
        var opcode = _script[_position++];
        if (opcode > OpPushData4)
        {
            op = new FieldSpan(start, 1);
            return true;
        }
        long length;
        var remaining = _script.Length - _position;
        switch (opcode)
        {
            case < OpPushData1:
                length = opcode;
                break;
            case OpPushData1 when remaining >= 1:
                length = _script[_position];
                _position += 1;
                break;
            case OpPushData2 when remaining >= 2:
                length = BinaryPrimitives.ReadUInt16LittleEndian(_script[_position..]);
                _position += 2;
                break;
            case OpPushData4 when remaining >= 4:
                length = BinaryPrimitives.ReadUInt32LittleEndian(_script[_position..]);
                _position += 4;
                break;
            default:
                return Invalid();
        }
        if (length > _script.Length - _position) return Invalid();
        op = new FieldSpan(start, _position - start);
        data = new FieldSpan(_position, (int)length);
        _position += (int)length;
        isPush = true;
        return true;
    }

    private bool Invalid()
    {
        HitInvalidPush = true;
        _position = _script.Length;
        return false;
    }
}
