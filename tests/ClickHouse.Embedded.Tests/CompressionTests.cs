using System.IO.Compression;
using System.Net;
using System.Text;
using K4os.Compression.LZ4.Streams;

namespace Explorer.ClickHouse.Embedded.Tests;

/// <summary>
/// Compressed requests (Content-Encoding) and responses (enable_http_compression=1 + Accept-Encoding), as in
/// https://clickhouse.com/docs/interfaces/http#compression.
/// </summary>
[Trait("Category", "Integration")]
public sealed class CompressionTests
{
    public static TheoryData<string> Encodings => new() { "gzip", "deflate", "br", "zstd", "lz4" };

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Encodings))]
    public async Task CompressedRequestBody_IsDecoded(string encoding)
    {
        var database = await TestDatabase.CreateAsync();
        using var http = database.CreateHttpClient();
        var content = new ByteArrayContent(Compress(encoding, Encoding.UTF8.GetBytes("SELECT sum(number) FROM numbers(1000)")));
        content.Headers.ContentEncoding.Add(encoding);

        using var response = await http.PostAsync("", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("499500\n", await response.Content.ReadAsStringAsync());
    }

    [Theory(Timeout = 60_000)]
    [InlineData("gzip")]
    [InlineData("deflate")]
    [InlineData("br")]
    [InlineData("zstd")]
    public async Task Response_IsCompressedWhenAskedFor(string encoding)
    {
        var database = await TestDatabase.CreateAsync();
        using var http = database.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "?enable_http_compression=1")
        {
            Content = HttpInterfaceTests.Sql("SELECT number FROM numbers(10000)"),
        };
        request.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);

        using var response = await http.SendAsync(request);

        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        var body = Decompress(encoding, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(string.Concat(Enumerable.Range(0, 10000).Select(i => i + "\n")), Encoding.UTF8.GetString(body));
    }

    [Fact(Timeout = 60_000)]
    public async Task Response_IsPlainWithoutEnableHttpCompression()
    {
        var database = await TestDatabase.CreateAsync();
        using var http = database.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "") { Content = HttpInterfaceTests.Sql("SELECT 7") };
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");

        using var response = await http.SendAsync(request);

        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Equal("7\n", await response.Content.ReadAsStringAsync());
    }

    [Theory(Timeout = 60_000)]
    [InlineData("gzip", 354)] // ZLIB_INFLATE_FAILED
    [InlineData("deflate", 354)]
    [InlineData("zstd", 561)] // ZSTD_DECODER_FAILED
    [InlineData("br", 448)] // BROTLI_READ_FAILED
    [InlineData("lz4", 618)] // LZ4_DECODER_FAILED
    [InlineData("snappy-ish", 89)] // UNKNOWN_COMPRESSION_METHOD
    public async Task CorruptOrUnknownEncoding_IsReportedWithTheDecodersCode(string encoding, int code)
    {
        var database = await TestDatabase.CreateAsync();
        using var http = database.CreateHttpClient();
        var garbage = Enumerable.Range(0, 4096).Select(i => (byte)((i * 7919) ^ (i >> 3))).ToArray();
        var content = new ByteArrayContent(garbage);
        content.Headers.ContentEncoding.Add(encoding);

        using var response = await http.PostAsync("", content);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(code.ToString(System.Globalization.CultureInfo.InvariantCulture), HttpInterfaceTests.Header(response, "X-ClickHouse-Exception-Code"));
        Assert.StartsWith($"Code: {code}. DB::Exception: ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    internal static byte[] Compress(string encoding, byte[] data)
    {
        using var buffer = new MemoryStream();
        using (Stream compressor = encoding switch
        {
            "gzip" => new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true),
            "deflate" => new ZLibStream(buffer, CompressionLevel.Fastest, leaveOpen: true),
            "br" => new BrotliStream(buffer, CompressionLevel.Fastest, leaveOpen: true),
            "zstd" => new ZstdSharp.CompressionStream(buffer, leaveOpen: true),
            "lz4" => LZ4Stream.Encode(buffer, leaveOpen: true),
            _ => throw new ArgumentOutOfRangeException(nameof(encoding)),
        })
        {
            compressor.Write(data);
        }

        return buffer.ToArray();
    }

    private static byte[] Decompress(string encoding, byte[] data)
    {
        using Stream decompressor = encoding switch
        {
            "gzip" => new GZipStream(new MemoryStream(data), CompressionMode.Decompress),
            "deflate" => new ZLibStream(new MemoryStream(data), CompressionMode.Decompress),
            "br" => new BrotliStream(new MemoryStream(data), CompressionMode.Decompress),
            "zstd" => new ZstdSharp.DecompressionStream(new MemoryStream(data)),
            _ => throw new ArgumentOutOfRangeException(nameof(encoding)),
        };
        using var result = new MemoryStream();
        decompressor.CopyTo(result);
        return result.ToArray();
    }
}
