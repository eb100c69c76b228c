using Microsoft.AspNetCore.Diagnostics;

namespace Explorer.Web.Api;

/// <summary>
/// Under <c>/api</c> every error has the API's body, <see cref="ApiError"/> (<c>{"error": "..."}</c>), JSON whatever went
/// wrong: a parameter that does not bind (<c>?limit=abc</c>: minimal APIs answer an empty 400), an unknown route or
/// method, a body of another media type, or an exception (which outside <c>/api</c> shows the HTML error page).
/// </summary>
public static class ApiErrors
{
    public static bool IsApi(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    /// <summary>The exception handler of the <c>/api</c> branch.</summary>
    public static async Task WriteExceptionAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        // RouteHandlerOptions.ThrowOnBadRequest: a parameter that does not bind arrives here with its reason.
        var (status, message) = error is BadHttpRequestException bad
            ? (bad.StatusCode, bad.StatusCode == StatusCodes.Status400BadRequest ? "bad request: " + bad.Message : Reason(bad.StatusCode))
            : (StatusCodes.Status500InternalServerError, "internal error (logged by the server)");
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(new ApiError(message), context.RequestAborted);
    }

    /// <summary>The status-code pages of the <c>/api</c> branch: an error answered with no body gets one.</summary>
    public static Task WriteStatusAsync(StatusCodeContext context) =>
        context.HttpContext.Response.WriteAsJsonAsync(new ApiError(Reason(context.HttpContext.Response.StatusCode)),
            context.HttpContext.RequestAborted);

    private static string Reason(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "bad request (see /openapi/v1.json for the parameters)",
        StatusCodes.Status404NotFound => "no such route (see /openapi/v1.json)",
        StatusCodes.Status405MethodNotAllowed => "method not allowed on this route",
        StatusCodes.Status413PayloadTooLarge => "request body too large",
        StatusCodes.Status415UnsupportedMediaType => "unsupported media type: send application/json",
        _ => $"HTTP {status}",
    };
}
