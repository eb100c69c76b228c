namespace Explorer.Web.Services;

/// <summary>The light/dark choice, kept in a cookie so the first (prerendered) paint already has the right theme.</summary>
public static class ThemeCookie
{
    public const string Name = "explorer-theme";
    public const string Dark = "dark";
    public const string Light = "light";

    public static bool IsDark(string? value) => string.Equals(value, Dark, StringComparison.Ordinal);
}
