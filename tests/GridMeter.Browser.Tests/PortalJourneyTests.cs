using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace GridMeter.Browser.Tests;

/// <summary>Each role logs in with the form and walks its main pages in Chromium.</summary>
public sealed partial class PortalJourneyTests(PortalServer server)
{
    [Fact]
    public async Task The_consumer_sees_live_power_change_without_reloading_saves_the_profile_and_schedules_a_report()
    {
        server.RequireBrowser();
        await using var tab = await PortalTab.OpenAsync(server, "consumer", phone: true);

        await tab.LogInAsync("consumer");

        var page = tab.Page;
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/portal/meters/{PortalServer.ConsumerMeter}$"));
        await Assertions.Expect(page.Locator(".chart canvas")).ToHaveCountAsync(2);
        await tab.SeenAsync("meter");
        var navigations = 0;
        page.FrameNavigated += (_, frame) => navigations += frame == page.MainFrame ? 1 : 0;
        var first = await page.Locator("#live-time").TextContentAsync();
        await Assertions.Expect(page.Locator("#live-time")).Not.ToHaveTextAsync(first!, new() { Timeout = 15_000 });
        Assert.Equal(0, navigations);
        Assert.Matches(@"^\d+\.\d{3} kW$", await page.Locator("#live-power").TextContentAsync());

        await page.GetByRole(AriaRole.Link, new() { Name = "Profile" }).ClickAsync();
        await tab.SeenAsync("profile");
        await page.GetByLabel("E-mail").FillAsync("flat3@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save profile" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Profile saved.");
        await Assertions.Expect(page.GetByLabel("E-mail")).ToHaveValueAsync("flat3@example.org");
        await tab.SeenAsync("profile-saved");

        await page.GetByRole(AriaRole.Link, new() { Name = "Notifications and reports" }).ClickAsync();
        await tab.SeenAsync("notifications");
        await page.GetByLabel("Quiet hours from (HH:mm; empty: none)").FillAsync("22:00");
        await page.GetByLabel("Quiet hours to (HH:mm)").FillAsync("07:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save notifications" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Notification settings saved.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule report" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Report scheduled.");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Stop summary report of {PortalServer.ConsumerMeter}" })).ToBeVisibleAsync();
        await tab.SeenAsync("notifications-scheduled");

        // Someone else's meter, with this session: as if it did not exist.
        var response = await page.APIRequest.GetAsync("/portal/meters/MTR-00002");
        Assert.Equal(404, response.Status);
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task The_supplier_filters_the_meter_list_and_opens_a_meter_with_registers_intervals_and_events()
    {
        server.RequireBrowser();
        await using var tab = await PortalTab.OpenAsync(server, "supplier");

        await tab.LogInAsync("supplier");

        var page = tab.Page;
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Meters", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("20 meters");
        await tab.SeenAsync("meters");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" })).ToBeFocusedAsync();
        await page.GetByLabel("Meter id starts with").FocusAsync();
        await page.Keyboard.TypeAsync("MTR-0001");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("10 meters");
        await page.GetByLabel("Meter id starts with").FillAsync("MTR-0001");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("10 meters");
        await tab.SeenAsync("meters-filtered");

        await page.GetByRole(AriaRole.Link, new() { Name = "MTR-00010" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Meter MTR-00010" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Newest reading of each register" })).ToContainTextAsync("1-0:1.8.0");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Health" })).ToBeVisibleAsync();
        await page.GetByText("intervals with their quality").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Quarter-hour consumption today" })).ToContainTextAsync("actual");
        await tab.SeenAsync("meter");
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task The_operator_sees_network_consumption_by_day_and_changes_nothing()
    {
        server.RequireBrowser();
        await using var tab = await PortalTab.OpenAsync(server, "operator");

        await tab.LogInAsync("operator");

        var page = tab.Page;
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Network" })).ToBeVisibleAsync();
        await tab.SeenAsync("network");
        await page.GetByRole(AriaRole.Link, new() { Name = PortalServer.Building }).ClickAsync();
        await Assertions.Expect(page.Locator(".chart canvas")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByText("Total:")).Not.ToContainTextAsync("—");
        await tab.SeenAsync("node");
        Assert.Equal(0, await page.Locator("form[method=post]:not(.logout)").CountAsync());
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task The_admin_adds_an_organisation_and_reads_users_quarantine_and_the_audit_log()
    {
        server.RequireBrowser();
        await using var tab = await PortalTab.OpenAsync(server, "admin");

        await tab.LogInAsync("admin");

        var page = tab.Page;
        await tab.SeenAsync("meters");
        await page.GetByRole(AriaRole.Link, new() { Name = "Organisations" }).ClickAsync();
        await tab.SeenAsync("organisations");
        await page.GetByLabel("Id").FillAsync("north-energy");
        await page.GetByLabel("Name").FillAsync("North Energy");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add organisation" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Organisation north-energy added.");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Organisations" })).ToContainTextAsync("North Energy");
        await tab.SeenAsync("organisation-added");
        foreach (var (link, name) in new[] { ("Users", "users"), ("Quarantine", "quarantine"), ("Audit log", "audit"), ("Network", "network") })
        {
            await page.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = link, Exact = true })).ToBeVisibleAsync();
            await tab.SeenAsync(name);
        }
        await page.GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("organisation.created");
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Someone_not_logged_in_is_sent_to_the_login_form_and_back_after_logging_in()
    {
        server.RequireBrowser();
        await using var tab = await PortalTab.OpenAsync(server, "anonymous");

        await tab.Page.GotoAsync("/portal/profile");

        await Assertions.Expect(tab.Page).ToHaveURLAsync(new Regex("/account/login"));
        await tab.SeenAsync("login");
        await tab.Page.GetByLabel("Username").FillAsync("supplier");
        await tab.Page.GetByLabel("Password").FillAsync(PortalServer.Password);
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Assertions.Expect(tab.Page).ToHaveURLAsync(new Regex("/portal/profile$"));
        tab.AssertNoConsoleErrors();
    }
}
