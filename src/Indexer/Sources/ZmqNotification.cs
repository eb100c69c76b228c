namespace Explorer.Indexer.Sources;

/// <summary>
/// One message of Core's ZMQ publisher (doc/zmq.md): three frames, the topic (<c>hashblock</c>, <c>rawblock</c>,
/// <c>hashtx</c>, <c>rawtx</c>, <c>sequence</c>), the body, and a 4-byte little-endian message sequence number
/// per topic. For <c>sequence</c> the body is a 32-byte hash and a label: C (block connected), D (disconnected),
/// R (transaction removed from the mempool), A (added), the last two followed by an 8-byte LE mempool sequence.
/// </summary>
public sealed record ZmqNotification(string Topic, byte[] Body, uint Sequence)
{
    /// <summary>The block tip may have changed.</summary>
    public bool IsBlock => Topic is "hashblock" or "rawblock" || (Topic == "sequence" && Label is 'C' or 'D');

    /// <summary>The mempool may have changed.</summary>
    public bool IsMempool => Topic is "rawtx" or "hashtx" || (Topic == "sequence" && Label is 'A' or 'R');

    /// <summary>The label of a <c>sequence</c> message (0 otherwise or when the body is too short).</summary>
    public char Label => Topic == "sequence" && Body.Length >= 33 ? (char)Body[32] : '\0';

    /// <summary>Reads the three frames; null when they are not a well-formed notification.</summary>
    public static ZmqNotification? TryParse(IReadOnlyList<byte[]> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        if (frames.Count != 3 || frames[2].Length != 4 || frames[0].Length is 0 or > 32) return null;
        var topic = System.Text.Encoding.ASCII.GetString(frames[0]);
        return new ZmqNotification(topic, frames[1], System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(frames[2]));
    }
}
