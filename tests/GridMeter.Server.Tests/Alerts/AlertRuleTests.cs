using System.Net;
using System.Net.Http.Json;
using System.Text;
using GridMeter.Domain.Alerts;
using GridMeter.Server.Devices;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using static GridMeter.Server.Tests.Alerts.AlertFixture;

namespace GridMeter.Server.Tests.Alerts;

/// <summary>The rules that watch meters: offline and back, an appliance that stopped and started again.</summary>
public abstract class AlertRuleTests(StorageBackend storage)
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_meter_that_goes_offline_alerts_once_and_the_condition_clears_when_it_is_back()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var sms = await SmsGateway.StartAsync();
        var (app, _) = await StartAsync(storage, smtp, sms, Noon);
        await using var __ = app;
        var messages = app.Services.GetRequiredService<DeviceMessages>();
        var alerting = app.Services.GetRequiredService<GridMeter.Server.Alerts.Alerting>();

        await messages.HandleAsync("meters/MTR-1/status", """{"online":false}"""u8.ToArray(), Cancel);
        await EvaluateAsync(app);
        await EvaluateAsync(app);
        var whileOffline = await alerting.ActiveAsync(AlertType.MeterOffline, Cancel);
        await messages.HandleAsync("meters/MTR-1/status", """{"online":true}"""u8.ToArray(), Cancel);
        await EvaluateAsync(app);

        Assert.Equal(["meter_offline:MTR-1"], whileOffline);
        Assert.Empty(await alerting.ActiveAsync(AlertType.MeterOffline, Cancel));
        using var ann = await AnnAsync(app);
        Assert.Equal("meter_offline", Assert.Single((await AlertsAsync(ann)).Items).Type);
    }

    [Fact]
    public async Task An_appliance_that_drew_nothing_for_the_idle_hours_alerts_once_and_clears_when_it_draws_again()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var sms = await SmsGateway.StartAsync();
        var (app, _) = await StartAsync(storage, smtp, sms, Noon, new() { ["GridMeter:Alerts:ApplianceIdleHours"] = "6" });
        await using var __ = app;
        using var admin = await app.AdminAsync();
        await Accounts.World.SendAsync(admin, "/api/v1/meters/MTR-1/appliances", new { id = "fridge", name = "Fridge", type = "fridge", ratedPowerW = 150 });
        var messages = app.Services.GetRequiredService<DeviceMessages>();
        var alerting = app.Services.GetRequiredService<GridMeter.Server.Alerts.Alerting>();
        // Drawing until 04:00 UTC, then nothing.
        var start = Instant.FromUtc(2026, 11, 19, 0, 0);
        var snapshots = Enumerable.Range(0, (int)((Instant.FromDateTimeOffset(Noon) - start).TotalMinutes / 15) + 1)
            .Select(i => (Ts: start + Duration.FromMinutes(15 * i), Wh: 10_000 + (50L * Math.Min(i, 4 * 76)))).ToList();
        await PostFridgeAsync(messages, snapshots);

        await EvaluateAsync(app);
        await EvaluateAsync(app);
        var stopped = await alerting.ActiveAsync(AlertType.ApplianceFault, Cancel);
        app.Clock.Set(Noon.AddMinutes(30));
        await PostFridgeAsync(messages, [(snapshots[^1].Ts + Duration.FromMinutes(15), snapshots[^1].Wh + 40), (snapshots[^1].Ts + Duration.FromMinutes(30), snapshots[^1].Wh + 80)]);
        await EvaluateAsync(app);

        Assert.Equal(["appliance_fault:MTR-1:fridge"], stopped);
        Assert.Empty(await alerting.ActiveAsync(AlertType.ApplianceFault, Cancel));
        using var ann = await AnnAsync(app);
        var alert = Assert.Single((await AlertsAsync(ann)).Items);
        Assert.Equal("appliance_fault", alert.Type);
        Assert.Contains("no power for 6 hours", alert.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_suppliers_default_threshold_alerts_consumers_who_set_none_and_only_its_staff_may_set_it()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var sms = await SmsGateway.StartAsync();
        var (app, device) = await StartAsync(storage, smtp, sms, Noon);
        await using var __ = app;
        using var admin = await app.AdminAsync();
        await Accounts.World.SendAsync(admin, "/api/v1/organisations", new { id = "other", name = "Other Energy", kind = "supplier" });
        await Accounts.World.SendAsync(admin, "/api/v1/users", new { username = "sam", password = Password, role = "supplier", organisationId = "acme" });
        await Accounts.World.SendAsync(admin, "/api/v1/users", new { username = "olga", password = Password, role = "supplier", organisationId = "other" });
        using var sam = await app.ClientForAsync("sam", Password);
        using var olga = await app.ClientForAsync("olga", Password);
        var defaults = new { dailyKwh = 2.5m, offlineMinutes = 30, lowBalance = 3m, applianceIdleHours = 12 };

        var refused = await olga.PutAsJsonAsync("/api/v1/organisations/acme/alert-defaults", defaults, Cancel);
        var invalid = await sam.PutAsJsonAsync("/api/v1/organisations/acme/alert-defaults", defaults with { offlineMinutes = 0 }, Cancel);
        var saved = await sam.PutAsJsonAsync("/api/v1/organisations/acme/alert-defaults", defaults, Cancel);
        await PostReadingsAsync(device, Readings.ReadingsApiTests.DaySnapshots("Europe/Rome", new LocalDate(2026, 11, 22), startWh: 1_000_000).Take(40));
        await EvaluateAsync(app);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.BadRequest, HttpStatusCode.OK), (refused.StatusCode, invalid.StatusCode, saved.StatusCode));
        Assert.Equal(2.5m, (await sam.GetFromJsonAsync<GridMeter.Server.Alerts.AlertDefaultsDocument>("/api/v1/organisations/acme/alert-defaults", Cancel))!.DailyKwh);
        using var ann = await AnnAsync(app);
        var alert = Assert.Single((await AlertsAsync(ann)).Items);
        Assert.Equal("daily_threshold", alert.Type);
        Assert.Contains("threshold of 2.5 kWh", alert.Message, StringComparison.Ordinal);
    }

    private static async Task PostFridgeAsync(DeviceMessages messages, IEnumerable<(Instant Ts, long Wh)> snapshots)
    {
        foreach (var chunk in snapshots.Chunk(500))
        {
            var outcome = await messages.HandleAsync("meters/MTR-1/appliances/fridge/readings", Encoding.UTF8.GetBytes(Readings.ReadingsApiTests.ToJson(chunk)), Cancel);
            Assert.True(outcome.IsAccepted, outcome.Rejection);
        }
    }
}

public sealed class SqliteAlertRuleTests() : AlertRuleTests(StorageBackend.Sqlite);

public sealed class PostgresAlertRuleTests() : AlertRuleTests(StorageBackend.Postgres);
