using System.Net;
using System.Net.Http.Json;
using Dapper;
using GridMeter.Server.Audit;
using GridMeter.Server.Storage;
using GridMeter.Server.Vee;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using static GridMeter.Server.Tests.Vee.MeterDataFixture;

namespace GridMeter.Server.Tests.Vee;

/// <summary>Validation, estimation and editing as a supplier and a device see them through the API.</summary>
public abstract class MeterDataApiTests(StorageBackend storage)
{
    private static readonly LocalDate Day20 = new(2026, 11, 20);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_two_hour_gap_is_estimated_and_estimated_again_when_late_readings_arrive()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        await OrganisationsAsync(app);
        using var device = await MeterAsync(app, "MTR-1");
        var all = Readings.ReadingsApiTests.DaySnapshots("Europe/Rome", Day20, startWh: 100_000);
        // 10:00 to 12:00 local is silent: snapshots 41 to 47 are missing.
        await PostAsync(device, "/api/v1/meters/MTR-1/readings", [.. all.Take(41), .. all.Skip(48)]);
        await ProcessAsync(app);
        using var supplier = await app.ClientForAsync("supplier", Password);

        var first = await ConsumptionAsync(supplier, "MTR-1", Day(Day20), Day(Day20.PlusDays(1)), "15m");

        Assert.Equal(Enumerable.Repeat("estimated", 8), first.Points.Skip(40).Take(8).Select(p => p.Quality));
        Assert.Equal("actual", first.Points[39].Quality);
        Assert.Equal("actual", first.Points[48].Quality);
        Assert.Equal((all[48].Wh - all[40].Wh) / 1000m, first.Points.Skip(40).Take(8).Sum(p => p.Value));
        Assert.Equal((all[^1].Wh - all[0].Wh) / 1000m, first.Points.Sum(p => p.Value));
        Assert.Equal(1, await CountAsync(app, "vee_estimates"));

        await PostAsync(device, "/api/v1/meters/MTR-1/readings", [all[44]]);
        await ProcessAsync(app);
        var second = await ConsumptionAsync(supplier, "MTR-1", Day(Day20), Day(Day20.PlusDays(1)), "15m");

        Assert.Equal(2, await CountAsync(app, "vee_estimates"));
        Assert.Equal(Enumerable.Repeat("estimated", 8), second.Points.Skip(40).Take(8).Select(p => p.Quality));
        Assert.Equal((all[44].Wh - all[40].Wh) / 1000m, second.Points.Skip(40).Take(4).Sum(p => p.Value));
        Assert.NotEqual(first.Points.Skip(40).Take(4).Select(p => p.Value), second.Points.Skip(40).Take(4).Select(p => p.Value));

        await PostAsync(device, "/api/v1/meters/MTR-1/readings", all.Skip(41).Take(7));
        await ProcessAsync(app);
        var complete = await ConsumptionAsync(supplier, "MTR-1", Day(Day20), Day(Day20.PlusDays(1)), "15m");

        Assert.All(complete.Points, p => Assert.Equal("actual", p.Quality));
        Assert.Equal(0, await CountAsync(app, "vee_estimates"));
        var daily = await ConsumptionAsync(supplier, "MTR-1", Day(Day20), Day(Day20.PlusDays(1)), "day");
        Assert.Equal(((all[^1].Wh - all[0].Wh) / 1000m, "actual"), (daily.Points[0].Value, daily.Points[0].Quality));
    }

    [Fact]
    public async Task An_edit_with_a_reason_makes_a_new_audited_version_and_the_old_one_stays_readable()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        await OrganisationsAsync(app);
        using var device = await MeterAsync(app, "MTR-1");
        var all = Readings.ReadingsApiTests.DaySnapshots("Europe/Rome", Day20, startWh: 0);
        await PostAsync(device, "/api/v1/meters/MTR-1/readings", all);
        await ProcessAsync(app);
        using var supplier = await app.ClientForAsync("supplier", Password);
        using var @operator = await app.ClientForAsync("operator", Password);
        var from = all[8].Ts;
        var edit = new { from = from.ToString(), to = (from + Duration.FromMinutes(30)).ToString(), values = new[] { 0.1m, 0.2m }, reason = "kettle test spike" };

        var refused = await @operator.PostAsJsonAsync("/api/v1/meters/MTR-1/edits", edit, Cancel);
        var noReason = await supplier.PostAsJsonAsync("/api/v1/meters/MTR-1/edits", edit with { reason = " " }, Cancel);
        var created = await supplier.PostAsJsonAsync("/api/v1/meters/MTR-1/edits", edit, Cancel);
        await ProcessAsync(app);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var version = (await created.Content.ReadFromJsonAsync<EditResponse>(Cancel))!;
        Assert.Equal((1, 0.3m, "user:supplier"), (version.Version, version.TotalKwh, version.Actor));
        var edited = await ConsumptionAsync(supplier, "MTR-1", Day(Day20), Day(Day20.PlusDays(1)), "15m");
        var validated = await ConsumptionAsync(supplier, "MTR-1", Day(Day20), Day(Day20.PlusDays(1)), "15m", "validated");
        var asRead = await ConsumptionAsync(supplier, "MTR-1", Day(Day20), Day(Day20.PlusDays(1)), "15m", "read");
        Assert.Equal([(0.1m, "edited"), (0.2m, "edited")], edited.Points.Skip(8).Take(2).Select(p => (p.Value!.Value, p.Quality)));
        Assert.Equal([(all[9].Wh - all[8].Wh) / 1000m, (all[10].Wh - all[9].Wh) / 1000m], validated.Points.Skip(8).Take(2).Select(p => p.Value!.Value));
        Assert.Equal(validated.Points, asRead.Points);
        var originalTotal = (all[^1].Wh - all[0].Wh) / 1000m;
        var changedBy = 0.3m - ((all[10].Wh - all[8].Wh) / 1000m);
        var day = await ConsumptionAsync(supplier, "MTR-1", Day(Day20), Day(Day20.PlusDays(1)), "day");
        Assert.Equal((originalTotal + changedBy, "edited"), (day.Points[0].Value!.Value, day.Points[0].Quality));
        var history = await GetAsync<List<EditResponse>>(supplier, "/api/v1/meters/MTR-1/edits");
        Assert.Equal("kettle test spike", Assert.Single(history).Reason);
        var entries = await app.Services.GetRequiredService<AuditLog>().ReadAsync("meter:MTR-1", null, 10, Cancel);
        var entry = Assert.Single(entries, e => e.Action == "consumption.edited");
        Assert.Contains("kettle test spike", entry.Details);

        var second = await supplier.PostAsJsonAsync("/api/v1/meters/MTR-1/edits", edit with { values = [0.15m, 0.15m], reason = "split evenly" }, Cancel);
        await ProcessAsync(app);
        var latest = await ConsumptionAsync(supplier, "MTR-1", Day(Day20), Day(Day20.PlusDays(1)), "15m");
        var versionOne = await ConsumptionAsync(supplier, "MTR-1", Day(Day20), Day(Day20.PlusDays(1)), "15m", "1");
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal([0.15m, 0.15m], latest.Points.Skip(8).Take(2).Select(p => p.Value!.Value));
        Assert.Equal([0.1m, 0.2m], versionOne.Points.Skip(8).Take(2).Select(p => p.Value!.Value));
    }

    [Fact]
    public async Task A_meter_exchange_turns_a_suspect_drop_into_continuous_consumption()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        await OrganisationsAsync(app);
        using var device = await MeterAsync(app, "MTR-1");
        var start = DateTimeZoneProviders.Tzdb["Europe/Rome"].AtStartOfDay(Day20).ToInstant();
        var quarter = Duration.FromMinutes(15);
        (Instant, long)[] readings = [(start, 5_000_000), (start + quarter, 5_000_100), (start + (quarter * 2), 40), (start + (quarter * 3), 140)];
        await PostAsync(device, "/api/v1/meters/MTR-1/readings", readings);
        await ProcessAsync(app);
        using var supplier = await app.ClientForAsync("supplier", Password);
        var window = (start.ToString(), (start + (quarter * 3)).ToString());

        var before = await ConsumptionAsync(supplier, "MTR-1", window.Item1, window.Item2, "15m");
        var flags = await GetAsync<List<FlagResponse>>(supplier, "/api/v1/meters/MTR-1/vee/flags");
        var recorded = await supplier.PostAsJsonAsync("/api/v1/meters/MTR-1/register-events", new
        {
            type = "exchange", ts = (start + quarter + Duration.FromMinutes(5)).ToString(), oldValue = 5000.130m, newValue = 0m, reason = "meter replaced",
        }, Cancel);
        await ProcessAsync(app);
        var after = await ConsumptionAsync(supplier, "MTR-1", window.Item1, window.Item2, "15m");

        Assert.Equal("suspect", before.Points[1].Quality);
        Assert.Equal("register_decreased", Assert.Single(flags).Rule);
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        Assert.Equal([(0.1m, "actual"), (0.07m, "actual"), (0.1m, "actual")], after.Points.Select(p => (p.Value!.Value, p.Quality)));
        Assert.Empty(await GetAsync<List<FlagResponse>>(supplier, "/api/v1/meters/MTR-1/vee/flags"));
    }

    [Fact]
    public async Task A_week_of_backlog_from_a_meter_back_online_fills_what_was_missing()
    {
        await using var app = await GridMeterApp.StartAsync(storage, now: new DateTimeOffset(2026, 11, 20, 23, 30, 0, TimeSpan.Zero));
        await OrganisationsAsync(app);
        using var device = await MeterAsync(app, "MTR-1");
        var days = Enumerable.Range(0, 8).Select(d => Readings.ReadingsApiTests.DaySnapshots("Europe/Rome", Day20.PlusDays(-7 + d), 0)).ToList();
        var series = new List<(Instant Ts, long Wh)>();
        var offset = 0L;
        foreach (var day in days)
        {
            series.AddRange(day.Take(96).Select(s => (s.Ts, s.Wh + offset)));
            offset += day[96].Wh;
        }
        await PostAsync(device, "/api/v1/meters/MTR-1/readings", series.Take(96));
        await ProcessAsync(app);
        using var supplier = await app.ClientForAsync("supplier", Password);
        var (from, to) = (Day(Day20.PlusDays(-7)), Day(Day20.PlusDays(1)));

        var offline = await ConsumptionAsync(supplier, "MTR-1", from, to, "day");
        foreach (var chunk in series.Skip(96).Chunk(1000).Reverse())
        {
            await PostAsync(device, "/api/v1/meters/MTR-1/readings", chunk);
        }
        await ProcessAsync(app);
        var back = await ConsumptionAsync(supplier, "MTR-1", from, to, "day");
        var quarters = await ConsumptionAsync(supplier, "MTR-1", from, to, "15m");

        Assert.All(offline.Points.Skip(1), p => Assert.Equal("missing", p.Quality));
        Assert.Equal(Enumerable.Repeat("actual", 7), back.Points.Take(7).Select(p => p.Quality));
        Assert.Equal("missing", back.Points[7].Quality);
        Assert.Equal((series[^1].Wh - series[0].Wh) / 1000m, back.Points.Sum(p => p.Value));
        Assert.Equal(back.Points.Sum(p => p.Value), quarters.Points.Sum(p => p.Value));
    }

    private static async Task<long> CountAsync(GridMeterApp app, string table)
    {
        await using var connection = await app.Services.GetRequiredService<IDatabase>().OpenAsync(Cancel);
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
    }
}

public sealed class SqliteMeterDataApiTests() : MeterDataApiTests(StorageBackend.Sqlite);

public sealed class PostgresMeterDataApiTests() : MeterDataApiTests(StorageBackend.Postgres);
