using Explorer.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddExplorerWeb();
builder.AddExplorerRateLimiting();

var app = builder.Build();
app.UseExplorerRateLimiting();
app.MapExplorerWeb();
app.Run();

/// <summary>Entry point, public for WebApplicationFactory in the tests.</summary>
public partial class Program;
