using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace GridMeter.Browser.Tests;

/// <summary>The journeys that change something: a tariff change asked for and approved, supply switched, an outage seen.</summary>
public sealed partial class PortalJourneyTests
{
    [Fact]
    public async Task The_consumer_sets_a_threshold_and_requests_a_tariff_change_which_the_supplier_approves()
    {
        server.RequireBrowser();
        await using var consumer = await PortalTab.OpenAsync(server, "consumer-account", phone: true);
        await consumer.LogInAsync("consumer");
        var page = consumer.Page;
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/portal/meters/{PortalServer.ConsumerMeter}$"));
        await consumer.SeenAsync("meter");

        await page.GetByRole(AriaRole.Link, new() { Name = "Tariff, requests and daily threshold" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Account of meter {PortalServer.ConsumerMeter}" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Since the last bill" })).ToContainTextAsync("Projected to");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { NameRegex = new Regex("bills and notes$") })).ToContainTextAsync("EUR");
        await consumer.SeenAsync("account");
        await page.GetByLabel("Daily threshold (kWh)").FillAsync("12.5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save threshold" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Daily threshold saved.");
        await Assertions.Expect(page.GetByLabel("Daily threshold (kWh)")).ToHaveValueAsync("12.5");
        await consumer.SeenAsync("threshold-saved");

        await page.GetByRole(AriaRole.Combobox, new() { Name = "Tariff", Exact = true }).SelectOptionAsync(PortalServer.Tariff);
        await page.GetByLabel("Message to the supplier").FillAsync("We are home all day now.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Request tariff change" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Tariff change requested.");
        var requests = page.GetByRole(AriaRole.Table, new() { Name = "Tariff-change requests" });
        await Assertions.Expect(requests).ToContainTextAsync(PortalServer.Tariff);
        await Assertions.Expect(requests).ToContainTextAsync("pending");
        await consumer.SeenAsync("tariff-requested");
        consumer.AssertNoConsoleErrors();

        await page.GetByRole(AriaRole.Link, new() { Name = "Alerts" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Alerts" })).ToBeVisibleAsync();
        await consumer.SeenAsync("alerts");
        await page.GoBackAsync();

        await using var supplier = await PortalTab.OpenAsync(server, "supplier-requests");
        await supplier.LogInAsync("supplier");
        await supplier.SeenAsync("meters");
        await supplier.Page.GetByRole(AriaRole.Link, new() { Name = "Tariff requests" }).ClickAsync();
        var queue = supplier.Page.GetByRole(AriaRole.Table, new() { Name = "Requests waiting for an answer, oldest first" });
        await Assertions.Expect(queue).ToContainTextAsync("We are home all day now.");
        await supplier.SeenAsync("requests");
        await supplier.Page.GetByLabel($"Note for {PortalServer.ConsumerMeter}").FillAsync("Welcome to Green flat.");
        await supplier.Page.GetByRole(AriaRole.Button, new() { Name = $"Approve the request for {PortalServer.ConsumerMeter}" }).ClickAsync();
        await Assertions.Expect(supplier.Page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Request approved");
        await supplier.SeenAsync("request-approved");
        await supplier.Page.GetByRole(AriaRole.Link, new() { Name = "approved", Exact = true }).ClickAsync();
        await Assertions.Expect(supplier.Page.GetByRole(AriaRole.Table)).ToContainTextAsync("Welcome to Green flat.");
        await supplier.SeenAsync("requests-approved");
        supplier.AssertNoConsoleErrors();

        await page.ReloadAsync();
        await Assertions.Expect(requests).ToContainTextAsync("approved");
        await Assertions.Expect(requests).ToContainTextAsync("Welcome to Green flat.");
        await consumer.SeenAsync("tariff-approved");
        consumer.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task The_supplier_disconnects_a_meter_sees_the_relay_open_then_reconnects_it()
    {
        server.RequireBrowser();
        await using var tab = await PortalTab.OpenAsync(server, "supplier-supply");
        await tab.LogInAsync("supplier");
        var page = tab.Page;
        await page.GotoAsync("/portal/meters/MTR-00003");
        await Assertions.Expect(page.Locator("#relay")).ToHaveTextAsync("closed", new() { Timeout = 15_000 });
        await tab.SeenAsync("meter");

        foreach (var (button, relay) in new[] { ("Disconnect", "open"), ("Reconnect", "closed") })
        {
            await page.GetByLabel("Reason").FillAsync($"{button} asked by the customer");
            await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "sent as" })).ToContainTextAsync($"{button.ToLowerInvariant()} sent as");
            await tab.SeenAsync($"{button.ToLowerInvariant()}-sent");
            // The simulated meter answers over MQTT within a second or two; the page shows what it reported.
            await EventuallyAsync(async () =>
            {
                await page.GotoAsync("/portal/meters/MTR-00003");
                return await page.Locator("#relay").TextContentAsync() == relay;
            });
            var commands = page.GetByRole(AriaRole.Table, new() { NameRegex = new Regex("^The newest \\d+ commands$") });
            await Assertions.Expect(commands.Locator("tbody tr").First).ToContainTextAsync("succeeded");
            await tab.SeenAsync($"relay-{relay}");
        }
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task The_operator_sees_an_outage_when_a_feeders_meters_lose_supply_and_its_restoration()
    {
        server.RequireBrowser();
        await using var tab = await PortalTab.OpenAsync(server, "operator-outage");
        await tab.LogInAsync("operator");
        var page = tab.Page;
        await tab.SeenAsync("network");

        await FeederPowerCut.CutAsync(server);

        await page.GetByRole(AriaRole.Link, new() { Name = "Outages" }).ClickAsync();
        var outages = page.GetByRole(AriaRole.Table, new() { Name = "Outages, newest first (times in UTC)" });
        var row = outages.Locator("tbody tr", new() { HasText = PortalServer.Feeder });
        await Assertions.Expect(row).ToContainTextAsync("network");
        await Assertions.Expect(row).ToContainTextAsync("ongoing");
        await Assertions.Expect(row).ToContainTextAsync("0 of 3 restored");
        await tab.SeenAsync("outage-open");
        Assert.Equal(0, await page.Locator("form[method=post]:not(.logout)").CountAsync());

        await FeederPowerCut.RestoreAsync(server);

        await page.ReloadAsync();
        await Assertions.Expect(row).ToContainTextAsync("3 of 3 restored");
        await Assertions.Expect(row).Not.ToContainTextAsync("ongoing");
        await page.GetByLabel("Status").SelectOptionAsync("restored");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(row).ToBeVisibleAsync();
        await tab.SeenAsync("outage-restored");
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task The_supplier_reads_bills_tops_up_a_prepaid_account_and_reads_firmware_rollouts()
    {
        server.RequireBrowser();
        await using var tab = await PortalTab.OpenAsync(server, "supplier-money");
        await tab.LogInAsync("supplier");
        var page = tab.Page;

        await page.GetByRole(AriaRole.Link, new() { Name = "Bills", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { NameRegex = new Regex("bills and notes$") })).ToContainTextAsync("EUR");
        await tab.SeenAsync("bills");
        await page.GetByRole(AriaRole.Link, new() { Name = "Prepaid", Exact = true }).ClickAsync();
        var accounts = page.GetByRole(AriaRole.Table, new() { Name = "Prepaid accounts by meter" });
        await Assertions.Expect(accounts).ToContainTextAsync(PortalServer.PrepaidMeter);
        await Assertions.Expect(accounts).ToContainTextAsync("connected");
        await tab.SeenAsync("prepaid");
        await accounts.GetByRole(AriaRole.Link, new() { Name = PortalServer.PrepaidMeter }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Prepaid balance" })).ToContainTextAsync("EUR");
        await tab.SeenAsync("prepaid-account");
        await page.GetByLabel("Amount (EUR)").FillAsync("10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Top up", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Top-up" })).ToHaveTextAsync("Top-up credited.");
        await tab.SeenAsync("topped-up");
        await page.GetByRole(AriaRole.Link, new() { Name = "Firmware", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Firmware rollouts" })).ToBeVisibleAsync();
        await tab.SeenAsync("firmware");
        tab.AssertNoConsoleErrors();
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = TimeProvider.System.GetTimestamp();
        while (!await condition())
        {
            Assert.True(TimeProvider.System.GetElapsedTime(deadline) < TimeSpan.FromSeconds(20), "not within 20 seconds");
            await Task.Delay(300, TestContext.Current.CancellationToken);
        }
    }
}
