using Microsoft.Playwright;

namespace Explorer.Web.E2E;

/// <summary>Waits until the Blazor Server circuit renders, so the page answers clicks and hovers.</summary>
public static class Interactive
{
    /// <summary>MainLayout writes <c>data-interactive="true"</c> once it renders over the circuit (not when prerendered).</summary>
    public static async Task WaitAsync(IPage page) =>
        await page.Locator(".app-interactive[data-interactive='true']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
}
