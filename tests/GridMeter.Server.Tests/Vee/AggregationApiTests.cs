using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using GridMeter.Server.Appliances;
using GridMeter.Server.Consumption;
using GridMeter.Server.Hierarchy;
using NodaTime;
using static GridMeter.Server.Tests.Vee.MeterDataFixture;

namespace GridMeter.Server.Tests.Vee;

/// <summary>Sums over time and up the tree: DST days from rollups, buildings, appliances, portfolios, net metering.</summary>
public abstract class AggregationApiTests(StorageBackend storage)
{
    private static readonly LocalDate Day20 = new(2026, 11, 20);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Europe/Rome", "2026-03-29", 92)]
    [InlineData("Europe/Rome", "2026-10-25", 100)]
    [InlineData("America/New_York", "2026-03-08", 92)]
    [InlineData("America/New_York", "2026-11-01", 100)]
    public async Task Dst_days_from_rollups_have_their_local_totals_and_quarter_hours_and_weeks_and_months_start_at_local_midnight(
        string zone, string date, int quarterHours)
    {
        var day = LocalDate.FromDateTime(DateTime.Parse(date, CultureInfo.InvariantCulture));
        await using var app = await GridMeterApp.StartAsync(storage, now: new DateTimeOffset(day.ToDateTimeUnspecified().AddDays(9), TimeSpan.Zero));
        await OrganisationsAsync(app);
        using var device = await MeterAsync(app, "MTR-DST", zone);
        var snapshots = new List<(Instant Ts, long Wh)>();
        for (var d = -7; d <= 7; d++)
        {
            var daily = Readings.ReadingsApiTests.DaySnapshots(zone, day.PlusDays(d), snapshots.Count == 0 ? 1_000_000 : snapshots[^1].Wh);
            snapshots.AddRange(snapshots.Count == 0 ? daily : daily.Skip(1));
        }
        foreach (var chunk in snapshots.Chunk(1000))
        {
            await PostAsync(device, "/api/v1/meters/MTR-DST/readings", chunk);
        }
        await ProcessAsync(app);
        using var admin = await app.AdminAsync();
        var tz = DateTimeZoneProviders.Tzdb[zone];

        var quarters = await ConsumptionAsync(admin, "MTR-DST", date, Day(day.PlusDays(1)), "15m");
        var days = await ConsumptionAsync(admin, "MTR-DST", Day(day.PlusDays(-7)), Day(day.PlusDays(7)), "day");
        var weeks = await ConsumptionAsync(admin, "MTR-DST", Day(day.PlusDays(-7)), Day(day.PlusDays(7)), "week");
        var months = await ConsumptionAsync(admin, "MTR-DST", Day(day.PlusDays(-7)), Day(day.PlusDays(7)), "month");

        Assert.Equal(quarterHours, quarters.Points.Count);
        var expected = (Value(snapshots, tz.AtStartOfDay(day.PlusDays(1)).ToInstant()) - Value(snapshots, tz.AtStartOfDay(day).ToInstant())) / 1000m;
        Assert.Equal(expected, days.Points[7].Value);
        Assert.Equal(expected, quarters.Points.Sum(p => p.Value));
        Assert.All(days.Points, p => Assert.Equal("actual", p.Quality));
        Assert.All(days.Points, p => Assert.Equal(LocalTime.Midnight, Local(p.Start).TimeOfDay));
        Assert.All(weeks.Points.Skip(1), w => Assert.Equal(IsoDayOfWeek.Monday, Local(w.Start).DayOfWeek));
        Assert.All(weeks.Points.Skip(1).Concat(months.Points.Skip(1)), p => Assert.Equal(LocalTime.Midnight, Local(p.Start).TimeOfDay));
        Assert.All(months.Points.Skip(1), m => Assert.Equal(1, Local(m.Start).Day));
        Assert.Equal(days.Points.Sum(p => p.Value), weeks.Points.Sum(p => p.Value));
        Assert.Equal(days.Points.Sum(p => p.Value), months.Points.Sum(p => p.Value));
        Assert.Equal((Value(snapshots, tz.AtStartOfDay(day.PlusDays(7)).ToInstant()) - snapshots[0].Wh) / 1000m, days.Points.Sum(p => p.Value));
    }

    [Fact]
    public async Task A_building_balance_is_its_main_meter_minus_its_three_sub_meters_per_interval()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        await OrganisationsAsync(app);
        using var admin = await app.AdminAsync();
        using var main = await MeterAsync(app, "MAIN", phases: 3);
        var subs = new[] { "FLAT-1", "FLAT-2", "FLAT-3" };
        var mainSnapshots = Readings.ReadingsApiTests.DaySnapshots("Europe/Rome", Day20, startWh: 0);
        var total = new long[mainSnapshots.Count];
        for (var s = 0; s < subs.Length; s++)
        {
            using var device = await MeterAsync(app, subs[s]);
            var snapshots = mainSnapshots.Select((p, i) => (p.Ts, Wh: (p.Wh / (s + 2)) + (i * 3))).ToList();
            await PostAsync(device, $"/api/v1/meters/{subs[s]}/readings", snapshots);
            for (var i = 0; i < total.Length; i++)
            {
                total[i] += snapshots[i].Wh;
            }
        }
        // The main meter sees the flats plus 10 Wh per quarter-hour of common use and losses.
        await PostAsync(main, "/api/v1/meters/MAIN/readings", mainSnapshots.Select((p, i) => (p.Ts, total[i] + (i * 10))));
        await Created(admin, "/api/v1/grid/nodes", new { id = "AREA-1", kind = "area" });
        await Created(admin, "/api/v1/grid/nodes", new { id = "FEEDER-1", kind = "feeder", parentId = "AREA-1" });
        await Created(admin, "/api/v1/grid/nodes", new { id = "BLD-1", kind = "building", parentId = "FEEDER-1", mainMeterId = "MAIN" });
        foreach (var (flat, i) in subs.Select((f, i) => (f, i)))
        {
            await Created(admin, "/api/v1/grid/nodes", new { id = $"P-{i}", kind = "premises", parentId = "BLD-1" });
            (await admin.PutAsJsonAsync($"/api/v1/meters/{flat}/placement", new { nodeId = $"P-{i}" }, Cancel)).EnsureSuccessStatusCode();
        }
        (await admin.PutAsJsonAsync("/api/v1/meters/MAIN/placement", new { nodeId = "BLD-1" }, Cancel)).EnsureSuccessStatusCode();
        await ProcessAsync(app);

        var balance = await GetAsync<BalanceResponse>(admin, $"/api/v1/grid/nodes/BLD-1/balance?from={Day(Day20)}&to={Day(Day20.PlusDays(1))}&interval=15m");
        var daily = await GetAsync<BalanceResponse>(admin, $"/api/v1/grid/nodes/BLD-1/balance?from={Day(Day20)}&to={Day(Day20.PlusDays(1))}&interval=day");
        var feeder = await GetAsync<AggregateResponse>(admin, $"/api/v1/grid/nodes/FEEDER-1/consumption?from={Day(Day20)}&to={Day(Day20.PlusDays(1))}");
        var flat1 = await GetAsync<AggregateResponse>(admin, $"/api/v1/meters/FLAT-1/consumption/summary?from={Day(Day20)}&to={Day(Day20.PlusDays(1))}");

        Assert.Equal(["FLAT-1", "FLAT-2", "FLAT-3"], balance.SubMeterIds.Order());
        Assert.Equal(96, balance.Points.Count);
        Assert.All(balance.Points, p => Assert.Equal((0.01m, 3, "actual"), (p.BalanceKwh!.Value, p.SubMeters, p.Quality)));
        Assert.All(balance.Points, p => Assert.Equal(p.MainKwh, p.SubMetersKwh + p.BalanceKwh));
        Assert.Equal(0.96m, Assert.Single(daily.Points).BalanceKwh);
        Assert.Equal(total[^1] / 1000m + 0.96m, Assert.Single(feeder.Points).Value);
        var share = Assert.Single(flat1.Points).Share!.Value;
        Assert.Equal(decimal.Round(flat1.Points[0].Value!.Value / feeder.Points[0].Value!.Value, 4), share);
    }

    [Fact]
    public async Task An_appliance_reports_through_the_device_route_and_shows_its_share_of_the_premises()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        await OrganisationsAsync(app);
        using var device = await MeterAsync(app, "MTR-1");
        using var supplier = await app.ClientForAsync("supplier", Password);
        var register = await supplier.PostAsJsonAsync("/api/v1/meters/MTR-1/appliances", new { id = "heat-pump", name = "Heat pump", type = "heat-pump", ratedPowerW = 3000 }, Cancel);
        var meter = Readings.ReadingsApiTests.DaySnapshots("Europe/Rome", Day20, startWh: 0);
        await PostAsync(device, "/api/v1/meters/MTR-1/readings", meter);
        var plug = meter.Select((p, i) => (p.Ts, Wh: p.Wh / 4)).ToList();
        var body = Readings.ReadingsApiTests.ToJson(plug).Replace("}}", "},\"state\":\"on\"}", StringComparison.Ordinal);

        var posted = await device.PostAsync("/api/v1/meters/MTR-1/appliances/heat-pump/readings", new StringContent(body, Encoding.UTF8, "application/json"), Cancel);
        var unknown = await device.PostAsync("/api/v1/meters/MTR-1/appliances/nope/readings", new StringContent(body, Encoding.UTF8, "application/json"), Cancel);
        await ProcessAsync(app);
        var usage = await GetAsync<AggregateResponse>(supplier, $"/api/v1/meters/MTR-1/appliances/heat-pump/consumption?from={Day(Day20)}&to={Day(Day20.PlusDays(1))}");
        var listed = await GetAsync<List<ApplianceResponse>>(supplier, "/api/v1/meters/MTR-1/appliances");

        Assert.Equal(HttpStatusCode.Created, register.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var point = Assert.Single(usage.Points);
        Assert.Equal(((plug[^1].Wh - plug[0].Wh) / 1000m, 96, "actual"), (point.Value!.Value, point.Count, point.Quality));
        Assert.Equal(decimal.Round((decimal)(plug[^1].Wh - plug[0].Wh) / (meter[^1].Wh - meter[0].Wh), 4), point.Share);
        Assert.Equal(("heat-pump", "on"), (Assert.Single(listed).Id, listed[0].State));
    }

    [Fact]
    public async Task Net_metering_subtracts_export_and_the_summary_finds_the_largest_quarter_hour_demand()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        await OrganisationsAsync(app);
        using var device = await MeterAsync(app, "MTR-PV");
        var start = DateTimeZoneProviders.Tzdb["Europe/Rome"].AtStartOfDay(Day20).ToInstant();
        var json = new StringBuilder("{\"readings\":[");
        for (var i = 0; i <= 96; i++)
        {
            var importWh = (i * 200) + (i > 40 ? 500 : 0);
            var exportWh = i * 50;
            json.Append(CultureInfo.InvariantCulture, $"{(i > 0 ? "," : "")}{{\"ts\":\"{start + Duration.FromMinutes(15 * i)}\",\"values\":{{\"1-0:1.8.0\":{importWh / 1000m},\"1-0:2.8.0\":{exportWh / 1000m}}}}}");
        }
        (await device.PostAsync("/api/v1/meters/MTR-PV/readings", new StringContent(json + "]}", Encoding.UTF8, "application/json"), Cancel)).EnsureSuccessStatusCode();
        await ProcessAsync(app);
        using var supplier = await app.ClientForAsync("supplier", Password);
        var span = $"from={Day(Day20)}&to={Day(Day20.PlusDays(1))}";

        var import = await GetAsync<AggregateResponse>(supplier, $"/api/v1/meters/MTR-PV/consumption/summary?{span}");
        var net = await GetAsync<AggregateResponse>(supplier, $"/api/v1/meters/MTR-PV/consumption/summary?{span}&flow=net");
        var portfolio = await GetAsync<AggregateResponse>(supplier, $"/api/v1/organisations/{Supplier}/consumption?{span}&flow=export");

        var day = Assert.Single(import.Points);
        Assert.Equal((19.7m, 96, 0.2m, 0.7m, 2.8m), (day.Value!.Value, day.Count, day.Min!.Value, day.Max!.Value, day.MaxDemandKw!.Value));
        Assert.Equal(19.7m - 4.8m, Assert.Single(net.Points).Value);
        Assert.Equal((4.8m, 1), (Assert.Single(portfolio.Points).Value!.Value, portfolio.Points[0].Count));
    }

    private static async Task Created(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body, Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Cancel));
    }

    private static long Value(List<(Instant Ts, long Wh)> snapshots, Instant at) => snapshots.Single(s => s.Ts == at).Wh;

    private static LocalDateTime Local(string text) => NodaTime.Text.OffsetDateTimePattern.ExtendedIso.Parse(text).Value.LocalDateTime;
}

public sealed class SqliteAggregationApiTests() : AggregationApiTests(StorageBackend.Sqlite);

public sealed class PostgresAggregationApiTests() : AggregationApiTests(StorageBackend.Postgres);
