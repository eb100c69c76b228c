using ClickHouse.Driver;

namespace Explorer.Web.Services;

/// <summary>What a page or an API answer reports as "store unavailable" (503) rather than letting it become a 500.</summary>
public static class StoreFailures
{
    /// <summary>The store refused or broke the connection, answered with an error, or gave no answer within
    /// <see cref="WebOptions.StoreRequestTimeoutSeconds"/> (the driver's HttpClient timeout: a TaskCanceledException
    /// around a TimeoutException, which a request cancelled by its own client is not).</summary>
    public static bool Is(Exception ex) =>
        ex is HttpRequestException or ClickHouseServerException or TaskCanceledException { InnerException: TimeoutException };

    /// <summary>The text after "store unavailable: ".</summary>
    public static string Describe(Exception ex) =>
        ex is TaskCanceledException { InnerException: TimeoutException } ? "no answer in time" : ex.Message;
}
