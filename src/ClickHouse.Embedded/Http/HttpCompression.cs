using System.IO.Compression;
using Explorer.ClickHouse.Embedded.Engine;
using K4os.Compression.LZ4.Streams;

namespace Explorer.ClickHouse.Embedded.Http;

/// <summary>
/// HTTP body compression as ClickHouse's server does it: a request's <c>Content-Encoding</c> (gzip, deflate, br, zstd,
/// lz4 frame) is undone while streaming, and a response is compressed when the URL has
/// <c>enable_http_compression=1</c> and <c>Accept-Encoding</c> names a method. ClickHouse's preference order
/// (src/IO/CompressionMethod.cpp chooseHTTPCompressionMethod) is zstd, br, lz4, ..., gzip, deflate; lz4 responses are not
/// produced here, so a client asking for lz4 alone gets an identity body, which HTTP allows.
/// </summary>
public static class HttpCompression
{
    /// <summary>Wraps <paramref name="body"/> to decode <paramref name="contentEncoding"/>.</summary>
    /// <exception cref="ChdbException">UNKNOWN_COMPRESSION_METHOD (89) for an encoding this host cannot decode; reads
    /// of a corrupt body throw the decoder's error (see <see cref="DecodingStream"/>).</exception>
    public static Stream DecodeRequest(Stream body, string? contentEncoding)
    {
        var encoding = contentEncoding?.Trim().ToLowerInvariant();
        Stream decoder = encoding switch
        {
            null or "" or "identity" or "none" => body,
            "gzip" or "x-gzip" => new GZipStream(body, CompressionMode.Decompress, leaveOpen: true),
            "deflate" => new ZLibStream(body, CompressionMode.Decompress, leaveOpen: true),
            "br" => new BrotliStream(body, CompressionMode.Decompress, leaveOpen: true),
            "zstd" => new ZstdSharp.DecompressionStream(body, leaveOpen: true),
            "lz4" => LZ4Stream.Decode(body, leaveOpen: true),
            _ => throw new ChdbException(ServerError.Create(
                89, "UNKNOWN_COMPRESSION_METHOD", $"Unknown Content-Encoding '{contentEncoding}'")),
        };
        return ReferenceEquals(decoder, body) ? body : new DecodingStream(decoder, encoding!);
    }

    /// <summary>The method to answer with, or null for an identity body.</summary>
    public static string? ChooseResponseEncoding(bool enabled, string? acceptEncoding)
    {
        if (!enabled || string.IsNullOrEmpty(acceptEncoding))
        {
            return null;
        }

        var accepted = acceptEncoding.Split(',').Select(e => e.Split(';')[0].Trim().ToLowerInvariant()).ToHashSet();
        foreach (var method in (string[])["zstd", "br", "gzip", "deflate"])
        {
            if (accepted.Contains(method))
            {
                return method;
            }
        }

        return null;
    }

    /// <summary>Wraps <paramref name="body"/> to encode with <paramref name="method"/> (from <see cref="ChooseResponseEncoding"/>).</summary>
    public static Stream EncodeResponse(Stream body, string method) => method switch
    {
        "zstd" => new ZstdSharp.CompressionStream(body, level: 3, leaveOpen: true),
        "br" => new BrotliStream(body, CompressionLevel.Fastest, leaveOpen: true),
        "gzip" => new GZipStream(body, CompressionLevel.Fastest, leaveOpen: true),
        "deflate" => new ZLibStream(body, CompressionLevel.Fastest, leaveOpen: true),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unsupported response encoding"),
    };
}
