using Explorer.ClickHouse.Embedded.Engine;

namespace Explorer.ClickHouse.Embedded.Http;

/// <summary>
/// A read-only wrapper over a decompressing stream that reports corrupt input the way ClickHouse does, with the
/// decoder's own error code: ZLIB_INFLATE_FAILED (354) for gzip/deflate, BROTLI_READ_FAILED (448), ZSTD_DECODER_FAILED
/// (561), LZ4_DECODER_FAILED (618). Codes checked with <c>errorCodeToName</c> in chDB 26.7.
/// </summary>
internal sealed class DecodingStream(Stream inner, string encoding) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await inner.ReadAsync(buffer, cancellationToken);
        }
        catch (Exception exception) when (exception is not (OperationCanceledException or IOException or ChdbException))
        {
            throw Corrupt(exception);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        try
        {
            return inner.Read(buffer, offset, count);
        }
        catch (Exception exception) when (exception is not (OperationCanceledException or IOException or ChdbException))
        {
            throw Corrupt(exception);
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private ChdbException Corrupt(Exception exception)
    {
        var (code, name) = encoding switch
        {
            "br" => (448, "BROTLI_READ_FAILED"),
            "zstd" => (561, "ZSTD_DECODER_FAILED"),
            "lz4" => (618, "LZ4_DECODER_FAILED"),
            _ => (354, "ZLIB_INFLATE_FAILED"),
        };
        return new ChdbException(ServerError.Create(code, name, $"Cannot decode the {encoding} request body: {exception.Message}"));
    }
}
