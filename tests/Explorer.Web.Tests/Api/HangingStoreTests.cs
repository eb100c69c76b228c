using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Explorer.Web.Tests.Api;

/// <summary>
/// A store that accepts connections and never answers (a hung server, a black-holing proxy): routes and pages answer
/// "store unavailable" (503) once Web:StoreRequestTimeoutSeconds has passed, not a 500 after the driver's 120 s.
/// </summary>
[Trait("Category", "Integration")]
public sealed class HangingStoreTests(HangingStoreTests.Factory factory) : IClassFixture<HangingStoreTests.Factory>
{
    public sealed class Factory : WebApplicationFactory<Program>
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly List<Socket> _held = [];

        public Factory()
        {
            _listener.Start();
            _ = AcceptForeverAsync();
        }

        private async Task AcceptForeverAsync()
        {
            try
            {
                while (true)
                {
                    var socket = await _listener.AcceptSocketAsync();
                    lock (_held) _held.Add(socket); // read nothing, answer nothing
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException) { }
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("ClickHouse:ConnectionString",
                $"Host=127.0.0.1;Port={((IPEndPoint)_listener.LocalEndpoint).Port};Username=default;Password=");
            builder.UseSetting("ClickHouse:ApplyMigrations", "false");
            builder.UseSetting("Web:StoreRequestTimeoutSeconds", "1");
            builder.UseSetting("Web:LiveRefreshSeconds", "3600");
        }

        protected override void Dispose(bool disposing)
        {
            _listener.Stop();
            lock (_held) foreach (var s in _held) s.Dispose();
            base.Dispose(disposing);
        }
    }

    [Theory]
    [InlineData("/api/v1/blocks")]
    [InlineData("/api/v1/tx/0000000000000000000000000000000000000000000000000000000000000001")]
    [InlineData("/api/v1/search?q=300")]
    public async Task Routes_answer_503_json_when_the_store_does_not_answer(string url)
    {
        using var client = factory.CreateClient();
        // Below the driver's own default (120 s), which is what must not be waited for.
        client.Timeout = TimeSpan.FromSeconds(60);
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("store unavailable: no answer in time", doc.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Pages_say_the_store_is_unavailable()
    {
        using var client = factory.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(60);
        using var response = await client.GetAsync("/tx/0000000000000000000000000000000000000000000000000000000000000001");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Store unavailable: no answer in time", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
