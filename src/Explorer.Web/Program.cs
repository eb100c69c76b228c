// PLACEHOLDER web shell until the explorer lands.
var app = WebApplication.CreateBuilder(args).Build();
app.MapGet("/", () => "Colored-coin explorer");
app.Run();
