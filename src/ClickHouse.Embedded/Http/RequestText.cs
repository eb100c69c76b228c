using System.Buffers;

namespace Explorer.ClickHouse.Embedded.Http;

/// <summary>
/// The head of a request's text — the <c>query</c> parameter, a newline, then the body as it arrives — in a pooled
/// buffer that grows only until the statement is understood. For <c>INSERT ... FORMAT X</c> that is the first few
/// hundred bytes; the data after it is streamed, never collected here.
/// </summary>
internal sealed class RequestText : IDisposable
{
    private byte[] buffer;

    public RequestText(int initialCapacity)
    {
        buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);
    }

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Span => buffer.AsSpan(0, Length);

    public ReadOnlyMemory<byte> Memory => buffer.AsMemory(0, Length);

    public void Append(ReadOnlySpan<byte> bytes)
    {
        EnsureFree(bytes.Length);
        bytes.CopyTo(buffer.AsSpan(Length));
        Length += bytes.Length;
    }

    /// <summary>Reads one chunk of up to <paramref name="chunkSize"/> bytes; returns false at the end of the body.</summary>
    public async ValueTask<bool> ReadChunkAsync(Stream body, int chunkSize, CancellationToken cancellationToken)
    {
        EnsureFree(chunkSize);
        var read = await body.ReadAsync(buffer.AsMemory(Length, chunkSize), cancellationToken);
        Length += read;
        return read > 0;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = [];
    }

    private void EnsureFree(int count)
    {
        if (buffer.Length - Length >= count)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, Length + count));
        buffer.AsSpan(0, Length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = larger;
    }
}
