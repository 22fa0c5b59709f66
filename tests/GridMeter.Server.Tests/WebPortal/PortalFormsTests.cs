using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridMeter.Server.Tests.Accounts;

namespace GridMeter.Server.Tests.WebPortal;

/// <summary>
/// The portal's forms that change something, over plain HTTP as a browser without script sends them:
/// each needs its antiforgery token, answers with a redirect, goes through the same rules as the API,
/// and treats someone else's meter or request as if it did not exist.
/// </summary>
public sealed class PortalFormsTests
{
    private const string Token = "__RequestVerificationToken";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_consumer_sets_a_daily_threshold_with_the_form_and_the_api_shows_it()
    {
        await using var app = await GridMeterApp.StartAsync();
        await World.CreateAsync(app);
        using var browser = await Portal.BrowserOfAsync(app, "ours-consumer");
        var token = await Portal.FormTokenAsync(browser, "/portal/meters/MTR-OURS/account");

        var forged = await browser.PostAsync("/portal/meters/MTR-OURS/threshold", Portal.Form(("DailyKwh", "1")), Cancel);
        var saved = await browser.PostAsync("/portal/meters/MTR-OURS/threshold", Portal.Form((Token, token), ("DailyKwh", "7.5")), Cancel);
        var wrong = await browser.PostAsync("/portal/meters/MTR-OURS/threshold", Portal.Form((Token, token), ("DailyKwh", "lots")), Cancel);
        var theirs = await browser.PostAsync("/portal/meters/MTR-THEIRS/threshold", Portal.Form((Token, token), ("DailyKwh", "3")), Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/portal/meters/MTR-OURS/account?done=threshold", saved.Headers.Location?.OriginalString);
        using var api = await app.ClientForAsync("ours-consumer", World.Password);
        var settings = await api.GetFromJsonAsync<JsonElement>("/api/v1/me/alert-settings", Cancel);
        var threshold = Assert.Single(settings.GetProperty("thresholds").EnumerateArray());
        Assert.Equal("MTR-OURS", threshold.GetProperty("meterId").GetString());
        Assert.Equal(7.5m, threshold.GetProperty("dailyKwh").GetDecimal());
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("role=\"alert\"", await wrong.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Contains("value=\"7.5\"", await browser.GetStringAsync("/portal/meters/MTR-OURS/account?done=threshold", Cancel));
    }

    [Fact]
    public async Task The_consumer_asks_for_a_tariff_and_the_supplier_approves_it_from_the_queue()
    {
        await using var app = await GridMeterApp.StartAsync();
        var world = await World.CreateAsync(app);
        using var consumer = await Portal.BrowserOfAsync(app, "ours-consumer");
        var token = await Portal.FormTokenAsync(consumer, "/portal/meters/MTR-OURS/account");

        var asked = await consumer.PostAsync("/portal/meters/MTR-OURS/tariff-requests", Portal.Form((Token, token), ("TariffId", "T-OURS"), ("Message", "from the form")), Cancel);
        var otherSuppliers = await consumer.PostAsync("/portal/meters/MTR-OURS/tariff-requests", Portal.Form((Token, token), ("TariffId", "T-THEIRS")), Cancel);

        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Equal("/portal/meters/MTR-OURS/account?done=requested", asked.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.BadRequest, otherSuppliers.StatusCode);
        using var api = await app.ClientForAsync("ours-supplier-staff", World.Password);
        var pending = await api.GetFromJsonAsync<JsonElement>("/api/v1/tariff-requests?status=pending", Cancel);
        var request = pending.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("message").GetString() == "from the form");
        var id = request.GetProperty("id").GetString()!;

        using var supplier = await Portal.BrowserOfAsync(app, "ours-supplier-staff");
        var queue = await supplier.GetStringAsync("/portal/requests", Cancel);
        Assert.Contains("from the form", queue);
        Assert.Contains($"/portal/requests/{id}/decision", queue);
        var staffToken = await Portal.FormTokenAsync(supplier, "/portal/requests");
        var approved = await supplier.PostAsync($"/portal/requests/{id}/decision", Portal.Form((Token, staffToken), ("Decision", "approve"), ("Note", "welcome")), Cancel);
        var again = await supplier.PostAsync($"/portal/requests/{id}/decision", Portal.Form((Token, staffToken), ("Decision", "reject")), Cancel);
        var theirs = await supplier.PostAsync(
            $"/portal/requests/{world.BillingIds[("tariff request", "theirs")]}/decision", Portal.Form((Token, staffToken), ("Decision", "approve")), Cancel);

        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal("/portal/requests?done=approved", approved.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        var decided = await api.GetFromJsonAsync<JsonElement>($"/api/v1/tariff-requests/{id}", Cancel);
        Assert.Equal("approved", decided.GetProperty("status").GetString());
        Assert.Equal("welcome", decided.GetProperty("decisionNote").GetString());
        var account = await consumer.GetStringAsync("/portal/meters/MTR-OURS/account", Cancel);
        Assert.Contains("approved", account);
        Assert.Contains("welcome", account);
    }

    [Fact]
    public async Task The_supplier_disconnects_with_the_supply_form_and_a_consumer_may_not()
    {
        await using var app = await GridMeterApp.StartAsync();
        await World.CreateAsync(app);
        using var supplier = await Portal.BrowserOfAsync(app, "ours-supplier-staff");
        var token = await Portal.FormTokenAsync(supplier, "/portal/meters/MTR-OURS");

        var forged = await supplier.PostAsync("/portal/meters/MTR-OURS/supply", Portal.Form(("Command", "disconnect"), ("Reason", "unpaid")), Cancel);
        var noReason = await supplier.PostAsync("/portal/meters/MTR-OURS/supply", Portal.Form((Token, token), ("Command", "disconnect")), Cancel);
        var other = await supplier.PostAsync("/portal/meters/MTR-OURS/supply", Portal.Form((Token, token), ("Command", "firmware_update"), ("Reason", "x")), Cancel);
        var sent = await supplier.PostAsync("/portal/meters/MTR-OURS/supply", Portal.Form((Token, token), ("Command", "disconnect"), ("Reason", "unpaid")), Cancel);
        var theirs = await supplier.PostAsync("/portal/meters/MTR-THEIRS/supply", Portal.Form((Token, token), ("Command", "disconnect"), ("Reason", "unpaid")), Cancel);
        using var consumer = await Portal.BrowserOfAsync(app, "ours-consumer");
        var consumerToken = await Portal.FormTokenAsync(consumer, "/portal/meters/MTR-OURS/account");
        var byConsumer = await consumer.PostAsync("/portal/meters/MTR-OURS/supply", Portal.Form((Token, consumerToken), ("Command", "reconnect"), ("Reason", "mine")), Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.StartsWith("/portal/meters/MTR-OURS?command=", sent.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byConsumer.StatusCode);
        using var api = await app.ClientForAsync("ours-supplier-staff", World.Password);
        var commands = await api.GetFromJsonAsync<JsonElement>("/api/v1/meters/MTR-OURS/commands?status=pending", Cancel);
        var command = Assert.Single(commands.GetProperty("items").EnumerateArray(), c => c.GetProperty("command").GetString() == "disconnect");
        Assert.Equal("unpaid", command.GetProperty("reason").GetString());
        var page = await supplier.GetStringAsync(sent.Headers.Location!.OriginalString, Cancel);
        Assert.Contains($"disconnect sent as {command.GetProperty("id").GetString()}", page);
    }

    [Fact]
    public async Task A_disconnect_beyond_the_hourly_limit_waits_on_the_meter_page_until_a_second_supplier_user_approves_it()
    {
        await using var app = await GridMeterApp.StartAsync(settings: new() { ["GridMeter:Commands:DisconnectsPerHour"] = "0" });
        await World.CreateAsync(app);
        using var admin = await app.AdminAsync();
        await World.SendAsync(admin, "/api/v1/users", new { username = "second-staff", password = World.Password, role = "supplier", organisationId = "ours-supplier" });
        using var first = await Portal.BrowserOfAsync(app, "ours-supplier-staff");
        var token = await Portal.FormTokenAsync(first, "/portal/meters/MTR-OURS");
        var sent = await first.PostAsync("/portal/meters/MTR-OURS/supply", Portal.Form((Token, token), ("Command", "disconnect"), ("Reason", "unpaid")), Cancel);
        var id = sent.Headers.Location!.OriginalString.Split("command=")[1].Split('#')[0];

        var waiting = await first.GetStringAsync($"/portal/meters/MTR-OURS?command={id}", Cancel);
        var bySameUser = await first.PostAsync($"/portal/commands/{id}/approve", Portal.Form((Token, token)), Cancel);
        using var second = await Portal.BrowserOfAsync(app, "second-staff");
        var secondToken = await Portal.FormTokenAsync(second, "/portal/meters/MTR-OURS");
        var approved = await second.PostAsync($"/portal/commands/{id}/approve", Portal.Form((Token, secondToken)), Cancel);

        Assert.Contains($"disconnect sent as {id}: awaitingApproval.", waiting);
        Assert.Contains($"/portal/commands/{id}/approve", waiting);
        Assert.Equal(HttpStatusCode.Forbidden, bySameUser.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var page = await second.GetStringAsync(approved.Headers.Location!.OriginalString, Cancel);
        Assert.Contains("approved by user:second-staff", page);
        Assert.DoesNotContain($"/portal/commands/{id}/approve", page);
    }

    [Fact]
    public async Task The_supplier_tops_up_a_prepaid_meter_once_however_often_the_form_is_sent()
    {
        await using var app = await GridMeterApp.StartAsync();
        await World.CreateAsync(app);
        using var admin = await app.AdminAsync();
        var prepaid = await admin.PutAsJsonAsync("/api/v1/meters/MTR-OURS/tariff", new
        {
            currency = "EUR", validFrom = "2026-11-22", vatPercent = 10, paymentMode = "prepaid", energy = new[] { new { name = "energy", price = 0.3m } },
        }, Cancel);
        Assert.True(prepaid.IsSuccessStatusCode, await prepaid.Content.ReadAsStringAsync(Cancel));
        using var supplier = await Portal.BrowserOfAsync(app, "ours-supplier-staff");
        var form = await supplier.GetStringAsync("/portal/meters/MTR-OURS/account", Cancel);
        var token = await Portal.FormTokenAsync(supplier, "/portal/meters/MTR-OURS/account");
        var paymentId = System.Text.RegularExpressions.Regex.Match(form, "name=\"PaymentId\" value=\"([^\"]+)\"").Groups[1].Value;

        var first = await supplier.PostAsync("/portal/meters/MTR-OURS/topups", Portal.Form((Token, token), ("PaymentId", paymentId), ("Amount", "25")), Cancel);
        var again = await supplier.PostAsync("/portal/meters/MTR-OURS/topups", Portal.Form((Token, token), ("PaymentId", paymentId), ("Amount", "25")), Cancel);
        var wrong = await supplier.PostAsync("/portal/meters/MTR-OURS/topups", Portal.Form((Token, token), ("PaymentId", "PORTAL-X"), ("Amount", "-5")), Cancel);
        var theirs = await supplier.PostAsync("/portal/meters/MTR-THEIRS/topups", Portal.Form((Token, token), ("PaymentId", "PORTAL-Y"), ("Amount", "5")), Cancel);

        Assert.StartsWith("PORTAL-", paymentId);
        Assert.Equal("/portal/meters/MTR-OURS/account?done=topup", first.Headers.Location?.OriginalString);
        Assert.Equal("/portal/meters/MTR-OURS/account?done=topup-repeat", again.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        var balance = await admin.GetFromJsonAsync<JsonElement>("/api/v1/meters/MTR-OURS/balance", Cancel);
        Assert.Equal(25m, balance.GetProperty("balance").GetDecimal());
        Assert.Contains("25.00 EUR", await supplier.GetStringAsync("/portal/meters/MTR-OURS/account?done=topup", Cancel));
    }

    [Fact]
    public async Task The_supplier_sees_its_own_rollouts_with_a_progress_bar_bills_and_no_one_elses()
    {
        await using var app = await GridMeterApp.StartAsync();
        var world = await World.CreateAsync(app);
        using var supplier = await Portal.BrowserOfAsync(app, "ours-supplier-staff");

        var firmware = await supplier.GetStringAsync("/portal/firmware", Cancel);
        var bills = await supplier.GetStringAsync("/portal/bills", Cancel);
        using var consumer = await Portal.BrowserOfAsync(app, "ours-consumer");
        var forConsumer = await consumer.GetAsync("/portal/firmware", Cancel);

        Assert.Contains("<progress class=\"bar\" max=\"100\" value=\"", firmware);
        Assert.Contains("GM-OURS", firmware);
        Assert.DoesNotContain("GM-THEIRS", firmware);
        Assert.Contains(world.BillingIds[("bill", "ours")], bills);
        Assert.DoesNotContain(world.BillingIds[("bill", "theirs")], bills);
        Assert.Equal(HttpStatusCode.Forbidden, forConsumer.StatusCode);
    }

    [Theory]
    [InlineData("/portal/requests?status=sideways")]
    [InlineData("/portal/requests?page=0")]
    [InlineData("/portal/requests?page=abc")]
    [InlineData("/portal/prepaid?page=-1")]
    [InlineData("/portal/outages?status=%00")]
    [InlineData("/portal/meters/MTR-OURS?command=%00")]
    public async Task Garbage_in_the_query_string_of_the_new_pages_is_refused_or_ignored(string path)
    {
        await using var app = await GridMeterApp.StartAsync();
        using var browser = Portal.Browser(app);
        await Portal.LogInAsync(browser, "admin", GridMeterApp.AdminPassword);
        using var admin = await app.AdminAsync();
        await World.SendAsync(admin, "/api/v1/organisations", new { id = "acme", name = "ACME", kind = "supplier" });
        await World.SendAsync(admin, "/api/v1/meters", new { id = "MTR-OURS", timeZone = "Europe/Rome", supplierId = "acme" });

        var response = await browser.GetAsync(path, Cancel);

        Assert.True((int)response.StatusCode is 400 or 200, $"{path} answered {(int)response.StatusCode}");
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }
}
