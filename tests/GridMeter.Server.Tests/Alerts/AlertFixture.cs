using System.Net.Http.Json;
using System.Text;
using GridMeter.Server.Alerts;
using Microsoft.Extensions.DependencyInjection;

namespace GridMeter.Server.Tests.Alerts;

/// <summary>A server wired to a real SMTP server and an HTTP SMS gateway, with meter MTR-1 (Europe/Rome) and its consumer "ann".</summary>
internal static class AlertFixture
{
    public const string Password = "password-for-ann";
    public const string Mobile = "+393471234567";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static async Task<(GridMeterApp App, HttpClient Device)> StartAsync(
        StorageBackend storage, SmtpSink smtp, SmsGateway sms, DateTimeOffset now, Dictionary<string, string?>? extra = null)
    {
        var settings = smtp.SettingsFor();
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }
        settings["GridMeter:Sms:GatewayUrl"] = sms.Url + "/sms";
        settings["GridMeter:Alerts:AllowHttpWebhooks"] = "true";
        // The test drives rules and delivery itself; the job only runs when woken.
        settings["GridMeter:Alerts:PollSeconds"] = "3600";
        var app = await GridMeterApp.StartAsync(storage, now, settings: settings);
        using var admin = await app.AdminAsync();
        await Accounts.World.SendAsync(admin, "/api/v1/organisations", new { id = "acme", name = "ACME Energy", kind = "supplier" });
        var meter = await Accounts.World.SendAsync(admin, "/api/v1/meters", new { id = "MTR-1", timeZone = "Europe/Rome", supplierId = "acme" });
        await Accounts.World.SendAsync(admin, "/api/v1/users",
            new { username = "ann", password = Password, role = "consumer", meterIds = new[] { "MTR-1" }, email = "ann@example.org", mobile = Mobile });
        return (app, app.DeviceClient("MTR-1", meter.GetProperty("deviceSecret").GetString()!));
    }

    public static Task<HttpClient> AnnAsync(GridMeterApp app) => app.ClientForAsync("ann", Password);

    public static async Task PutSettingsAsync(HttpClient client, object settings)
    {
        var response = await client.PutAsJsonAsync("/api/v1/me/alert-settings", settings, Cancel);
        Assert.True(response.IsSuccessStatusCode, $"PUT alert-settings: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Cancel)}");
    }

    public static Task EvaluateAsync(GridMeterApp app) => app.Services.GetRequiredService<AlertRules>().EvaluateAsync(Cancel);

    public static Task<int> DeliverAsync(GridMeterApp app) => app.Services.GetRequiredService<AlertDeliveryJob>().DeliverDueAsync(Cancel);

    public static Task<int> RaiseAsync(GridMeterApp app, GridMeter.Domain.Alerts.AlertCondition condition) =>
        app.Services.GetRequiredService<Alerting>().RaiseAsync(condition, Cancel);

    public static async Task<AlertList> AlertsAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/v1/alerts", Cancel);
        Assert.True(response.IsSuccessStatusCode, $"GET alerts: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Cancel)}");
        return (await response.Content.ReadFromJsonAsync<AlertList>(Cancel))!;
    }

    public static Dictionary<string, string> Statuses(AlertItem alert) => alert.Deliveries.ToDictionary(d => d.Channel, d => d.Status);

    public static async Task PostReadingsAsync(HttpClient device, IEnumerable<(NodaTime.Instant Ts, long Wh)> snapshots)
    {
        var response = await device.PostAsync("/api/v1/meters/MTR-1/readings",
            new StringContent(Readings.ReadingsApiTests.ToJson(snapshots), Encoding.UTF8, "application/json"), Cancel);
        Assert.True(response.IsSuccessStatusCode, $"readings: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Cancel)}");
    }
}
