using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridMeter.Server.Tests.Accounts;

namespace GridMeter.Server.Tests.WebPortal;

/// <summary>
/// The "Notifications and reports" page over plain HTTP: its forms need the antiforgery token, go
/// through the same rules and stores as /api/v1/me/alert-settings and /api/v1/report-schedules, and
/// treat someone else's meter or schedule as if it did not exist.
/// </summary>
public sealed class PortalNotificationsTests
{
    private const string Token = "__RequestVerificationToken";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_consumer_sets_channels_and_quiet_hours_with_the_form_and_the_api_shows_them()
    {
        await using var app = await GridMeterApp.StartAsync();
        await World.CreateAsync(app);
        using var browser = await Portal.BrowserOfAsync(app, "ours-consumer");
        var page = await browser.GetStringAsync("/portal/notifications", Cancel);
        var token = await Portal.FormTokenAsync(browser, "/portal/notifications");

        var forged = await browser.PostAsync("/portal/notifications/settings", Portal.Form(("TimeZone", "Europe/Rome")), Cancel);
        var saved = await browser.PostAsync("/portal/notifications/settings", Portal.Form(
            (Token, token), ("TimeZone", "Europe/Rome"), ("QuietFrom", "22:00"), ("QuietTo", "07:00"), ("Channel", "outage:inbox"), ("Channel", "outage:sms")), Cancel);
        var wrong = await browser.PostAsync("/portal/notifications/settings", Portal.Form((Token, token), ("TimeZone", "Mars/Olympus")), Cancel);

        Assert.Contains("href=\"/portal/notifications\"", page);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/portal/notifications?done=settings", saved.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("role=\"alert\"", await wrong.Content.ReadAsStringAsync(Cancel));
        using var api = await app.ClientForAsync("ours-consumer", World.Password);
        var settings = await api.GetFromJsonAsync<JsonElement>("/api/v1/me/alert-settings", Cancel);
        Assert.Equal("Europe/Rome", settings.GetProperty("timeZone").GetString());
        Assert.Equal("22:00", settings.GetProperty("quietHours").GetProperty("from").GetString());
        var choices = settings.GetProperty("preferences").EnumerateArray()
            .ToDictionary(p => $"{p.GetProperty("type").GetString()}:{p.GetProperty("channel").GetString()}", p => p.GetProperty("enabled").GetBoolean());
        Assert.True(choices["outage:inbox"]);
        Assert.True(choices["outage:sms"]);
        Assert.False(choices["outage:email"]);
        Assert.False(choices["tamper:inbox"]);
        var shown = await browser.GetStringAsync("/portal/notifications?done=settings", Cancel);
        Assert.Contains("Notification settings saved.", shown);
        Assert.Contains("value=\"outage:sms\" checked", shown);
    }

    [Fact]
    public async Task The_consumer_schedules_a_report_and_stops_it_but_not_someone_elses()
    {
        await using var app = await GridMeterApp.StartAsync();
        var world = await World.CreateAsync(app);
        using var browser = await Portal.BrowserOfAsync(app, "ours-consumer");
        using var api = await app.ClientForAsync("ours-consumer", World.Password);
        var token = await Portal.FormTokenAsync(browser, "/portal/notifications");
        var before = await CountSchedulesAsync(api);

        var scheduled = await browser.PostAsync("/portal/notifications/schedules", Portal.Form(
            (Token, token), ("MeterId", "MTR-OURS"), ("Kind", "summary"), ("Period", "week"), ("Weekday", "friday"), ("Time", "06:30")), Cancel);
        var theirsMeter = await browser.PostAsync("/portal/notifications/schedules", Portal.Form(
            (Token, token), ("MeterId", "MTR-THEIRS"), ("Kind", "summary"), ("Period", "day"), ("Time", "06:30")), Cancel);
        var badTime = await browser.PostAsync("/portal/notifications/schedules", Portal.Form(
            (Token, token), ("MeterId", "MTR-OURS"), ("Kind", "summary"), ("Period", "day"), ("Time", "25:00")), Cancel);

        Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
        Assert.Equal("/portal/notifications?done=scheduled", scheduled.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.BadRequest, theirsMeter.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badTime.StatusCode);
        var list = await api.GetFromJsonAsync<JsonElement>("/api/v1/report-schedules", Cancel);
        Assert.Equal(before + 1, list.GetProperty("items").GetArrayLength());
        var created = list.GetProperty("items").EnumerateArray().Single(s => s.GetProperty("weekday").GetString() == "friday");
        var id = created.GetProperty("id").GetString()!;
        Assert.Contains($"value=\"{id}\"", await browser.GetStringAsync("/portal/notifications?done=scheduled", Cancel));

        var theirs = await browser.PostAsync("/portal/notifications/schedules/stop", Portal.Form((Token, token), ("ScheduleId", world.ReportSchedules["theirs"])), Cancel);
        var garbage = await browser.PostAsync("/portal/notifications/schedules/stop", Portal.Form((Token, token), ("ScheduleId", "rs_'; DROP TABLE report_schedules")), Cancel);
        var stopped = await browser.PostAsync("/portal/notifications/schedules/stop", Portal.Form((Token, token), ("ScheduleId", id)), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, garbage.StatusCode);
        Assert.Equal("/portal/notifications?done=stopped", stopped.Headers.Location?.OriginalString);
        Assert.Equal(before, await CountSchedulesAsync(api));
        using var theirsApi = await app.ClientForAsync("theirs-consumer", World.Password);
        var theirList = await theirsApi.GetFromJsonAsync<JsonElement>("/api/v1/report-schedules", Cancel);
        Assert.Contains(theirList.GetProperty("items").EnumerateArray(), s => s.GetProperty("id").GetString() == world.ReportSchedules["theirs"]);
    }

    private static async Task<int> CountSchedulesAsync(HttpClient api) =>
        (await api.GetFromJsonAsync<JsonElement>("/api/v1/report-schedules", Cancel)).GetProperty("items").GetArrayLength();
}
