using MudBlazor;

namespace Explorer.Web.Components.Layout;

/// <summary>The explorer's MudBlazor theme: light and dark palettes, system fonts (no web-font download).</summary>
public static class ExplorerTheme
{
    private static readonly string[] SansSerif = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3949ab",
            Secondary = "#00897b",
            AppbarBackground = "#283593",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8c9eff",
            Secondary = "#4db6ac",
            AppbarBackground = "#1a1f3a",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = SansSerif },
        },
    };
}
