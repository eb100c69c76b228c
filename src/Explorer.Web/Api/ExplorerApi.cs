using Explorer.Protocols.Decoding;
using Explorer.Web.Services;

namespace Explorer.Web.Api;

/// <summary>The JSON API under <c>/api/v1</c>.</summary>
public static class ExplorerApi
{
    public static IEndpointRouteBuilder MapExplorerApi(this IEndpointRouteBuilder app)
    {
        // Every route can answer these, each with ApiError's body (ApiErrors; the 429 problem body carries "error" too):
        // a parameter that does not bind, too many requests, an unexpected failure, a store that fails or is silent.
        var api = app.MapGroup("/api/v1").WithTags("Explorer")
            .WithMetadata(
                new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest, typeof(ApiError), ["application/json"]),
                new ProducesResponseTypeMetadata(StatusCodes.Status429TooManyRequests, typeof(ApiError), ["application/problem+json"]),
                new ProducesResponseTypeMetadata(StatusCodes.Status500InternalServerError, typeof(ApiError), ["application/json"]),
                new ProducesResponseTypeMetadata(StatusCodes.Status503ServiceUnavailable, typeof(ApiError), ["application/json"]));

        api.MapPost("/decode", DecodeEndpoint.HandleAsync)
            .WithName("Decode")
            .WithSummary("Decode one transaction (the decode contract's request line in, its answer line out)")
            .Accepts<DecodeRequestLine>("application/json")
            .Produces<DecodeAnswer>(StatusCodes.Status200OK, "application/json")
            .Produces<ApiError>(StatusCodes.Status400BadRequest, "application/json")
            .Produces<ApiError>(StatusCodes.Status413PayloadTooLarge, "application/json")
            .DisableAntiforgery();

        api.MapGet("/status", async (ExplorerQueries queries, CancellationToken ct) =>
                TypedResults.Ok(await queries.GetStatusAsync(ct)))
            .WithName("Status")
            .WithSummary("Store status: reachable or not, indexed tip, counts (always 200; see state)");

        api.MapGet("/blocks", BlocksEndpoint.HandleAsync)
            .WithName("Blocks")
            .WithSummary("Indexed blocks, newest first; cursor paging with before = the previous page's next; format=csv (next page in the Link header)")
            .Produces<BlocksPage>(StatusCodes.Status200OK, "application/json", "text/csv")
            .Produces<ApiError>(StatusCodes.Status400BadRequest, "application/json")
            .Produces<ApiError>(StatusCodes.Status503ServiceUnavailable, "application/json");

        api.MapIndexedApi();
        api.MapMempoolApi();

        return app;
    }
}
