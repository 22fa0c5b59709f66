using System.Text.Json;
using Microsoft.Playwright;

namespace GridMeter.Browser.Tests;

/// <summary>
/// One browser tab on the portal, as one person: collects console errors and failed scripts,
/// takes a screenshot of every page it visits and checks each with axe-core.
/// </summary>
public sealed class PortalTab : IAsyncDisposable
{
    private static readonly Lazy<string> AxeSource = new(() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "axe.min.js")));

    private readonly IBrowserContext _context;
    private readonly string _journey;
    private int _visits;

    private PortalTab(IBrowserContext context, IPage page, string journey)
    {
        (_context, Page, _journey) = (context, page, journey);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Errors.Add($"{page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => Errors.Add($"{page.Url}: {error}");
    }

    public IPage Page { get; }

    public List<string> Errors { get; } = [];

    public static async Task<PortalTab> OpenAsync(PortalServer server, string journey, bool phone = false)
    {
        var context = await server.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseUrl,
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            IsMobile = phone,
        });
        context.SetDefaultTimeout(10_000);
        return new PortalTab(context, await context.NewPageAsync(), journey);
    }

    public async Task LogInAsync(string username)
    {
        await Page.GotoAsync("/portal");
        await Page.GetByLabel("Username").FillAsync(username);
        await Page.GetByLabel("Password").FillAsync(PortalServer.Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).WaitForAsync();
    }

    /// <summary>Records the page now shown: a full-page screenshot, then axe-core's verdict on labels, roles and names.</summary>
    public async Task SeenAsync(string name)
    {
        await Page.WaitForLoadStateAsync(LoadState.Load);
        _visits++;
        await Page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(PortalServer.Screenshots, $"{_journey}-{_visits:00}-{name}.png"),
            FullPage = true,
        });
        await Page.EvaluateAsync(AxeSource.Value);
        var violations = await Page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }))"
            + ".violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))");
        var found = violations.EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.True(found.Count == 0, $"axe-core on {name} ({Page.Url}): {string.Join("; ", found)}");
    }

    public void AssertNoConsoleErrors() =>
        Assert.True(Errors.Count == 0, "browser console errors: " + string.Join("\n", Errors));

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
