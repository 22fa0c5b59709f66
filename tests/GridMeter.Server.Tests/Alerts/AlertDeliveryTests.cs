using System.Security.Cryptography;
using System.Text;
using GridMeter.Domain.Alerts;
using GridMeter.Server.Devices;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using static GridMeter.Server.Tests.Alerts.AlertFixture;

namespace GridMeter.Server.Tests.Alerts;

/// <summary>Alerts end to end: a real SMTP server (aiosmtpd) and an HTTP SMS gateway receive what a consumer chose to hear.</summary>
public abstract class AlertDeliveryTests(StorageBackend storage)
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Crossing_the_daily_threshold_sends_exactly_one_email_and_one_sms_as_preferred()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var sms = await SmsGateway.StartAsync();
        var (app, device) = await StartAsync(storage, smtp, sms, Noon);
        await using var _ = app;
        using var ann = await AnnAsync(app);
        var day = Readings.ReadingsApiTests.DaySnapshots("Europe/Rome", new LocalDate(2026, 11, 22), startWh: 1_000_000);
        var thresholdWh = ((day[24].Wh + day[48].Wh) / 2) - day[0].Wh;
        await PutSettingsAsync(ann, new
        {
            timeZone = "Europe/Rome",
            preferences = new[] { new { type = "daily_threshold", channel = "sms", enabled = true } },
            thresholds = new[] { new { meterId = "MTR-1", dailyKwh = thresholdWh / 1000m } },
        });

        await PostReadingsAsync(device, day.Take(25));
        await EvaluateAsync(app);
        await DeliverAsync(app);
        Assert.Empty(smtp.Messages());
        Assert.Empty(sms.Received);

        await PostReadingsAsync(device, day.Skip(25).Take(24));
        await EvaluateAsync(app);
        await DeliverAsync(app);
        await PostReadingsAsync(device, day.Skip(49).Take(4));
        await EvaluateAsync(app);
        await DeliverAsync(app);

        var mail = Assert.Single(smtp.Messages());
        Assert.Contains("To: ann@example.org", mail, StringComparison.Ordinal);
        Assert.Contains("daily threshold", mail, StringComparison.Ordinal);
        var text = Assert.Single(sms.Received);
        Assert.Equal(Mobile, text.To);
        Assert.Contains("MTR-1", text.Text, StringComparison.Ordinal);
        var alert = Assert.Single((await AlertsAsync(ann)).Items);
        Assert.Equal(AlertType.DailyThreshold, alert.Type);
        Assert.Equal(new Dictionary<string, string> { ["inbox"] = "delivered", ["email"] = "sent", ["sms"] = "sent" }, Statuses(alert));
    }

    [Fact]
    public async Task Quiet_hours_hold_email_and_sms_until_they_end_in_the_persons_time_zone_while_the_inbox_has_it_at_once()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var sms = await SmsGateway.StartAsync();
        // 23:30 in Rome.
        var (app, _) = await StartAsync(storage, smtp, sms, new DateTimeOffset(2026, 11, 22, 22, 30, 0, TimeSpan.Zero));
        await using var __ = app;
        using var ann = await AnnAsync(app);
        await PutSettingsAsync(ann, new
        {
            timeZone = "Europe/Rome",
            quietHours = new { from = "22:00", to = "07:00" },
            preferences = new[] { new { type = "low_balance", channel = "sms", enabled = true } },
        });

        await RaiseAsync(app, AlertCondition.LowBalance("MTR-1", 3.5m, "EUR"));
        await DeliverAsync(app);

        var held = Assert.Single((await AlertsAsync(ann)).Items);
        Assert.Equal(new Dictionary<string, string> { ["inbox"] = "delivered", ["email"] = "deferred", ["sms"] = "deferred" }, Statuses(held));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero), held.Deliveries.Single(d => d.Channel == "email").NextAttemptAt);
        app.Clock.Set(new DateTimeOffset(2026, 11, 23, 5, 59, 0, TimeSpan.Zero));
        await DeliverAsync(app);
        Assert.Empty(smtp.Messages());
        Assert.Empty(sms.Received);

        app.Clock.Set(new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero));
        await DeliverAsync(app);

        Assert.Single(smtp.Messages());
        Assert.Single(sms.Received);
        // The morning's token: the evening's has expired.
        using var annInTheMorning = await AnnAsync(app);
        Assert.Equal(new Dictionary<string, string> { ["inbox"] = "delivered", ["email"] = "sent", ["sms"] = "sent" }, Statuses(Assert.Single((await AlertsAsync(annInTheMorning)).Items)));
    }

    [Fact]
    public async Task Channels_down_for_a_while_deliver_every_alert_once_after_they_return()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var sms = await SmsGateway.StartAsync();
        var (app, _) = await StartAsync(storage, smtp, sms, Noon);
        await using var __ = app;
        using var ann = await AnnAsync(app);
        await PutSettingsAsync(ann, new
        {
            timeZone = "Europe/Rome",
            preferences = new[] { new { type = "low_balance", channel = "sms", enabled = true }, new { type = "balance_exhausted", channel = "sms", enabled = true } },
        });
        await smtp.StopAsync();
        sms.Down = true;

        await RaiseAsync(app, AlertCondition.LowBalance("MTR-1", 1m, "EUR"));
        await DeliverAsync(app);
        await RaiseAsync(app, AlertCondition.BalanceExhausted("MTR-1"));
        for (var minute = 0; minute < 20; minute++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(1));
            await DeliverAsync(app);
        }
        var waiting = (await AlertsAsync(ann)).Items;
        Assert.All(waiting, a => Assert.Equal("retrying", Statuses(a)["email"]));
        Assert.All(waiting, a => Assert.Equal("retrying", Statuses(a)["sms"]));
        Assert.True(waiting.All(a => a.Deliveries.Single(d => d.Channel == "email").Attempts >= 3), "backoff still retries within 20 minutes");

        await smtp.StartAgainAsync();
        sms.Down = false;
        app.Clock.Advance(TimeSpan.FromHours(1));
        await DeliverAsync(app);
        app.Clock.Advance(TimeSpan.FromHours(5));
        await DeliverAsync(app);

        var mails = smtp.Messages();
        Assert.Equal(2, mails.Count);
        Assert.Equal(2, mails.Select(m => m.Split("X-GridMeter-Alert: ")[1][..27]).Distinct().Count());
        Assert.Equal(2, sms.Received.Count);
        using var annLater = await AnnAsync(app);
        Assert.All((await AlertsAsync(annLater)).Items, a => Assert.Equal(
            new Dictionary<string, string> { ["inbox"] = "delivered", ["email"] = "sent", ["sms"] = "sent" }, Statuses(a)));
    }

    [Fact]
    public async Task A_condition_alerts_once_until_it_clears_and_tamper_events_reach_consumer_and_supplier_once_each()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var sms = await SmsGateway.StartAsync();
        var (app, _) = await StartAsync(storage, smtp, sms, Noon);
        await using var __ = app;
        using var admin = await app.AdminAsync();
        await Accounts.World.SendAsync(admin, "/api/v1/users", new { username = "sam", password = Password, role = "supplier", organisationId = "acme" });
        using var ann = await AnnAsync(app);
        using var sam = await app.ClientForAsync("sam", Password);
        var messages = app.Services.GetRequiredService<DeviceMessages>();
        var events = Encoding.UTF8.GetBytes("""{"events":[{"ts":"2026-11-22T11:58:00Z","type":"cover_opened"},{"ts":"2026-11-22T11:59:00Z","type":"power_up"}]}""");

        Assert.True((await messages.HandleAsync("meters/MTR-1/events", events, Cancel)).IsAccepted);
        await EvaluateAsync(app);
        Assert.True((await messages.HandleAsync("meters/MTR-1/events", events, Cancel)).IsAccepted);
        await EvaluateAsync(app);
        var first = await RaiseAsync(app, AlertCondition.Disconnected("MTR-1", "credit exhausted"));
        var again = await RaiseAsync(app, AlertCondition.Disconnected("MTR-1", "credit exhausted"));
        var cleared = await app.Services.GetRequiredService<GridMeter.Server.Alerts.Alerting>().ClearAsync(AlertCondition.Disconnected("MTR-1", "").Key, Cancel);
        var afterClear = await RaiseAsync(app, AlertCondition.Disconnected("MTR-1", "credit exhausted"));

        Assert.Equal((1, 0, true, 1), (first, again, cleared, afterClear));
        var annsAlerts = (await AlertsAsync(ann)).Items;
        Assert.Equal(["disconnected", "disconnected", "tamper"], annsAlerts.Select(a => a.Type));
        Assert.Contains("cover opened", annsAlerts[^1].Message, StringComparison.Ordinal);
        Assert.Equal("tamper", Assert.Single((await AlertsAsync(sam)).Items).Type);
    }

    [Fact]
    public async Task A_webhook_carries_the_alert_signed_with_the_persons_secret()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var sms = await SmsGateway.StartAsync();
        var (app, _) = await StartAsync(storage, smtp, sms, Noon);
        await using var __ = app;
        using var ann = await AnnAsync(app);
        const string secret = "a-webhook-secret-of-ann";
        await PutSettingsAsync(ann, new { timeZone = "Europe/Rome", webhookUrl = sms.Url + "/hook", webhookSecret = secret });

        await RaiseAsync(app, AlertCondition.MeterOffline("MTR-1", null));
        await DeliverAsync(app);

        var (body, signature) = Assert.Single(sms.Webhooks);
        Assert.Contains("\"type\":\"meter_offline\"", body, StringComparison.Ordinal);
        var parts = signature!.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{parts["t"]}.{body}"));
        Assert.Equal(Convert.ToHexStringLower(expected), parts["v1"]);
    }
}

public sealed class SqliteAlertDeliveryTests() : AlertDeliveryTests(StorageBackend.Sqlite);

public sealed class PostgresAlertDeliveryTests() : AlertDeliveryTests(StorageBackend.Postgres);
