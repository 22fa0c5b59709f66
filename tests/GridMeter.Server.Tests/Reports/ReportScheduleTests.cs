using System.Net;
using System.Net.Http.Json;
using GridMeter.Server.Reports;
using GridMeter.Server.Tests.Alerts;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using static GridMeter.Server.Tests.Alerts.AlertFixture;

namespace GridMeter.Server.Tests.Reports;

/// <summary>Reports on demand and on schedule, e-mailed through a real SMTP server (aiosmtpd) and kept for the portal.</summary>
public abstract class ReportScheduleTests(StorageBackend storage)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_weekly_report_for_mondays_at_seven_in_rome_goes_out_at_seven_local_on_both_sides_of_the_dst_change()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var sms = await SmsGateway.StartAsync();
        // Thursday 15 October 2026; summer time in Rome ends on Sunday 25 October.
        var (app, device) = await StartAsync(storage, smtp, sms, new DateTimeOffset(2026, 10, 15, 12, 0, 0, TimeSpan.Zero));
        await using var _ = app;
        for (var day = new LocalDate(2026, 10, 12); day <= new LocalDate(2026, 10, 14); day = day.PlusDays(1))
        {
            await PostReadingsAsync(device, Readings.ReadingsApiTests.DaySnapshots("Europe/Rome", day, startWh: 1_000_000 + (day.Day * 100_000)));
        }
        using var ann = await AnnAsync(app);
        var created = await ann.PostAsJsonAsync("/api/v1/report-schedules",
            new { meterId = "MTR-1", kind = "summary", period = "week", weekday = "monday", time = "07:00", timeZone = "Europe/Rome" }, Cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var schedule = (await created.Content.ReadFromJsonAsync<ScheduleResponse>(Cancel))!;
        Assert.Equal(new DateTimeOffset(2026, 10, 19, 5, 0, 0, TimeSpan.Zero), schedule.NextRunAt);
        var job = app.Services.GetRequiredService<ReportJob>();

        // Monday 19 October, summer time: 07:00 in Rome is 05:00 UTC.
        Assert.Equal(0, await RunAtAsync(app, job, new DateTimeOffset(2026, 10, 19, 4, 59, 0, TimeSpan.Zero)));
        Assert.Equal(1, await RunAtAsync(app, job, new DateTimeOffset(2026, 10, 19, 5, 0, 0, TimeSpan.Zero)));
        Assert.Equal(0, await RunAtAsync(app, job, new DateTimeOffset(2026, 10, 19, 5, 30, 0, TimeSpan.Zero)));
        Assert.Single(smtp.Messages());
        // Monday 26 October, winter time: 07:00 in Rome is 06:00 UTC, and 05:00 UTC is 06:00 local.
        Assert.Equal(0, await RunAtAsync(app, job, new DateTimeOffset(2026, 10, 26, 5, 0, 0, TimeSpan.Zero)));
        Assert.Equal(0, await RunAtAsync(app, job, new DateTimeOffset(2026, 10, 26, 5, 59, 0, TimeSpan.Zero)));
        Assert.Equal(1, await RunAtAsync(app, job, new DateTimeOffset(2026, 10, 26, 6, 0, 0, TimeSpan.Zero)));

        var mails = smtp.Messages();
        Assert.Equal(2, mails.Count);
        Assert.All(mails, m => Assert.Contains("text/html", m, StringComparison.Ordinal));
        Assert.All(mails, m => Assert.Contains("text/csv", m, StringComparison.Ordinal));
        using var annLater = await AnnAsync(app);
        var kept = (await annLater.GetFromJsonAsync<ReportList>("/api/v1/reports", Cancel))!.Items;
        Assert.Equal([("2026-10-19", "2026-10-26"), ("2026-10-12", "2026-10-19")], kept.Select(r => (r.From, r.To)));
        Assert.All(kept, r => Assert.NotNull(r.EmailedAt));
        var csv = await annLater.GetStringAsync($"/api/v1/reports/{kept[1].Id}/csv", Cancel);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("label,kwh", lines[0]);
        Assert.Equal(8, lines.Length);
        Assert.StartsWith("Mon 2026-10-12,", lines[1], StringComparison.Ordinal);
        Assert.NotEqual("Mon 2026-10-12,", lines[1]);
        Assert.Equal("Sun 2026-10-18,", lines[7]);
        var schedules = (await annLater.GetFromJsonAsync<ScheduleList>("/api/v1/report-schedules", Cancel))!.Items;
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 6, 0, 0, TimeSpan.Zero), Assert.Single(schedules).NextRunAt);
    }

    [Fact]
    public async Task A_report_on_demand_is_emailed_with_table_bars_and_csv_and_only_its_owner_downloads_it()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var sms = await SmsGateway.StartAsync();
        var (app, device) = await StartAsync(storage, smtp, sms, new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        await using var _ = app;
        await PostReadingsAsync(device, Readings.ReadingsApiTests.DaySnapshots("Europe/Rome", new LocalDate(2026, 11, 20), startWh: 500_000));
        using var ann = await AnnAsync(app);
        using var admin = await app.AdminAsync();
        await Accounts.World.SendAsync(admin, "/api/v1/users", new { username = "bob", password = Password, role = "consumer", meterIds = new[] { "MTR-1" } });
        using var bob = await app.ClientForAsync("bob", Password);

        var response = await ann.PostAsJsonAsync("/api/v1/reports", new { meterId = "MTR-1", kind = "minmaxavg", period = "day", from = "2026-11-20" }, Cancel);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var report = (await response.Content.ReadFromJsonAsync<ReportSummary>(Cancel))!;
        Assert.NotNull(report.EmailedAt);
        Assert.Single(smtp.Messages());
        var html = await ann.GetStringAsync($"/api/v1/reports/{report.Id}/html", Cancel);
        Assert.Contains("bgcolor=\"#2b7bb9\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        var csv = (await ann.GetStringAsync($"/api/v1/reports/{report.Id}/csv", Cancel)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("label,kwh,min_kwh,max_kwh,avg_kwh", csv[0]);
        Assert.Equal(25, csv.Length);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"/api/v1/reports/{report.Id}/csv", Cancel)).StatusCode);
        Assert.Empty((await bob.GetFromJsonAsync<ReportList>("/api/v1/reports", Cancel))!.Items);
    }

    private static async Task<int> RunAtAsync(GridMeterApp app, ReportJob job, DateTimeOffset at)
    {
        app.Clock.Set(at);
        return await job.RunDueAsync(Cancel);
    }
}

public sealed class SqliteReportScheduleTests() : ReportScheduleTests(StorageBackend.Sqlite);

public sealed class PostgresReportScheduleTests() : ReportScheduleTests(StorageBackend.Postgres);
