using System.Text;
using Explorer.Protocols.Decoding;
using Explorer.Web.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Explorer.Web.Api;

/// <summary>
/// <c>POST /api/v1/decode</c>: one request line of the decode contract in, its answer line out. Bodies over
/// <see cref="WebOptions.MaxDecodeBodyBytes"/> get 413; a request the contract cannot read gets 400 with
/// <c>{"error": ...}</c>.
/// </summary>
public static class DecodeEndpoint
{
    public static async Task<IResult> HandleAsync(HttpRequest request, IOptions<WebOptions> options, CancellationToken ct)
    {
        var max = options.Value.MaxDecodeBodyBytes;
        if (request.ContentLength > max)
            return TooLarge(max);

        var body = await ReadCappedAsync(request.Body, max, ct);
        if (body is null)
            return TooLarge(max);

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return TypedResults.BadRequest(new ApiError("request body is not UTF-8"));
        }

        if (!DecodeJson.TryParseRequest(text, out var decodeRequest, out var error))
            return TypedResults.BadRequest(new ApiError(error));

        var answer = TransactionDecoder.Decode(decodeRequest);
        return Results.Text(DecodeJson.Serialize(answer), "application/json", Encoding.UTF8);
    }

    private static JsonHttpResult<ApiError> TooLarge(int max) =>
        TypedResults.Json(new ApiError($"request body is larger than {max} bytes"), statusCode: StatusCodes.Status413PayloadTooLarge);

    /// <summary>The whole body, or null as soon as it passes <paramref name="max"/> bytes.</summary>
    private static async Task<byte[]?> ReadCappedAsync(Stream body, int max, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
