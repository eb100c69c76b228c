using System.Net.Http.Json;
using System.Text.Json;

namespace Explorer.Web.E2E;

/// <summary>
/// One protocol's raw view as <c>POST /api/v1/decode</c> answers it (the decode contract), read independently of the
/// page: the bytes an annotation names are <c>hex[2*offset .. 2*(offset+length))</c> of its layer.
/// </summary>
public sealed record ExpectedRaw(IReadOnlyDictionary<string, string> LayerHex, IReadOnlyList<ExpectedAnnotation> Annotations)
{
    public static async Task<ExpectedRaw> FetchAsync(string baseUrl, object request, string protocol)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.PostAsJsonAsync("/api/v1/decode", request);
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var raw = doc.RootElement.GetProperty(protocol).GetProperty("raw");
        var layers = raw.GetProperty("layers").EnumerateArray()
            .ToDictionary(l => l.GetProperty("name").GetString()!, l => l.GetProperty("hex").GetString()!.ToLowerInvariant());
        var annotations = raw.GetProperty("annotations").EnumerateArray()
            .Select(a => new ExpectedAnnotation(
                a.GetProperty("layer").GetString()!, a.GetProperty("offset").GetInt32(), a.GetProperty("length").GetInt32(),
                a.GetProperty("field").GetString()!))
            .ToList();
        return new ExpectedRaw(layers, annotations);
    }

    /// <summary>The hex of the bytes <paramref name="annotation"/> covers.</summary>
    public string BytesOf(ExpectedAnnotation annotation) =>
        LayerHex[annotation.Layer].Substring(2 * annotation.Offset, 2 * annotation.Length);
}

public sealed record ExpectedAnnotation(string Layer, int Offset, int Length, string Field);
