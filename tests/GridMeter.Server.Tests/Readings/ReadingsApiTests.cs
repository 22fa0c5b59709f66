using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using GridMeter.Server.Consumption;
using GridMeter.Server.Readings;
using GridMeter.Server.Storage;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace GridMeter.Server.Tests.Readings;

/// <summary>A device posting register snapshots over HTTP, and a person reading consumption back.</summary>
public abstract class ReadingsApiTests(StorageBackend storage)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_day_of_96_snapshots_gives_the_exact_register_difference_and_96_quarter_hours()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        using var device = await app.DeviceAsync("MTR-1", "Europe/Rome");
        var day = new LocalDate(2026, 11, 20);
        var snapshots = DaySnapshots("Europe/Rome", day, startWh: 1_234_567);

        var response = await PostAsync(device, "MTR-1", snapshots);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var admin = await app.AdminAsync();
        var daily = await ConsumptionAsync(admin, "MTR-1", "2026-11-20", "2026-11-21", "day");
        var single = Assert.Single(daily.Points);
        Assert.Equal((snapshots[^1].Wh - snapshots[0].Wh) / 1000m, single.Value);
        Assert.Equal("actual", single.Quality);
        Assert.Equal("2026-11-20T00:00:00+01:00", single.Start);

        var quarters = await ConsumptionAsync(admin, "MTR-1", "2026-11-20", "2026-11-21", "15m");
        Assert.Equal(96, quarters.Points.Count);
        Assert.Equal(single.Value, quarters.Points.Sum(p => p.Value));
        Assert.All(quarters.Points, p => Assert.Equal("actual", p.Quality));
    }

    [Theory]
    [InlineData("Europe/Rome", "2026-03-29", 92, 23)]
    [InlineData("Europe/Rome", "2026-10-25", 100, 25)]
    [InlineData("America/New_York", "2026-03-08", 92, 23)]
    [InlineData("America/New_York", "2026-11-01", 100, 25)]
    public async Task A_dst_day_has_its_local_number_of_quarter_hours_and_hours(string zone, string date, int quarterHours, int hours)
    {
        var day = LocalDate.FromDateTime(DateTime.Parse(date, CultureInfo.InvariantCulture));
        await using var app = await GridMeterApp.StartAsync(storage, now: new DateTimeOffset(day.ToDateTimeUnspecified().AddDays(3), TimeSpan.Zero));
        using var device = await app.DeviceAsync("MTR-DST", zone);
        var snapshots = DaySnapshots(zone, day, startWh: 50_000);
        (await PostAsync(device, "MTR-DST", snapshots)).EnsureSuccessStatusCode();
        using var admin = await app.AdminAsync();
        var next = day.PlusDays(1).ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);

        var quarters = await ConsumptionAsync(admin, "MTR-DST", date, next, "15m");
        var hourly = await ConsumptionAsync(admin, "MTR-DST", date, next, "hour");
        var daily = await ConsumptionAsync(admin, "MTR-DST", date, next, "day");

        Assert.Equal(quarterHours, quarters.Points.Count);
        Assert.Equal(hours, hourly.Points.Count);
        var total = (snapshots[^1].Wh - snapshots[0].Wh) / 1000m;
        Assert.Equal(total, Assert.Single(daily.Points).Value);
        Assert.Equal(total, quarters.Points.Sum(p => p.Value));
        Assert.Equal(total, hourly.Points.Sum(p => p.Value));
    }

    [Fact]
    public async Task Resending_the_same_batch_changes_nothing()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        using var device = await app.DeviceAsync("MTR-1");
        var snapshots = DaySnapshots("Europe/Rome", new LocalDate(2026, 11, 20), startWh: 10_000);
        await PostAsync(device, "MTR-1", snapshots);
        using var admin = await app.AdminAsync();
        var before = await ConsumptionAsync(admin, "MTR-1", "2026-11-20", "2026-11-21", "15m");

        var again = await PostAsync(device, "MTR-1", snapshots);

        var receipt = await again.Content.ReadFromJsonAsync<ReadingsReceipt>(Cancel);
        Assert.Equal(new ReadingsReceipt(0, snapshots.Count, 0), receipt);
        var after = await ConsumptionAsync(admin, "MTR-1", "2026-11-20", "2026-11-21", "15m");
        Assert.Equal(before.Points, after.Points);
        Assert.Equal(snapshots.Count, await CountAsync(app, "readings"));
    }

    [Fact]
    public async Task A_resend_with_a_different_value_is_recorded_as_a_conflict_and_the_first_value_stays()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        using var device = await app.DeviceAsync("MTR-1");
        var snapshots = DaySnapshots("Europe/Rome", new LocalDate(2026, 11, 20), startWh: 10_000);
        await PostAsync(device, "MTR-1", snapshots);

        var changed = await PostAsync(device, "MTR-1", [snapshots[5] with { Wh = snapshots[5].Wh + 1 }]);

        Assert.Equal(new ReadingsReceipt(0, 0, 1), await changed.Content.ReadFromJsonAsync<ReadingsReceipt>(Cancel));
        Assert.Equal(1, await CountAsync(app, "reading_conflicts"));
        using var admin = await app.AdminAsync();
        var daily = await ConsumptionAsync(admin, "MTR-1", "2026-11-20", "2026-11-21", "day");
        Assert.Equal((snapshots[^1].Wh - snapshots[0].Wh) / 1000m, daily.Points[0].Value);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"readings\":[{\"ts\":\"yesterday\",\"values\":{\"1-0:1.8.0\":1}}]}")]
    [InlineData("{\"readings\":[{\"ts\":\"2026-11-21T10:00:00Z\",\"values\":{\"1-0:1.8.0\":\"12\"}}]}")]
    [InlineData("{\"readings\":[{\"ts\":\"2026-11-21T10:00:00Z\",\"values\":{\"not-obis\":1}}]}")]
    [InlineData("{\"readings\":[{\"ts\":\"2026-11-21T10:00:00Z\",\"values\":{\"1-0:1.8.0\":-5}}]}")]
    [InlineData("{\"readings\":[{\"ts\":\"2026-11-21T10:00:00Z\",\"values\":{\"1-0:1.7.0\":0.4}}]}")]
    [InlineData("{\"readings\":[{\"ts\":\"2026-11-22T12:06:00Z\",\"values\":{\"1-0:1.8.0\":1}}]}")]
    [InlineData("{\"readings\":[{\"ts\":\"2026-05-01T00:00:00Z\",\"values\":{\"1-0:1.8.0\":1}}]}")]
    [InlineData("{\"readings\":[]}")]
    [InlineData("{\"readings\":[{\"ts\":\"2026-11-21T10:00:00Z\",\"values\":{\"1-0:1.8.0\":1}},{\"ts\":\"2026-11-21T10:15:00Z\"}]}")]
    public async Task A_malformed_body_gets_a_problem_document_is_quarantined_and_stores_nothing(string body)
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        using var device = await app.DeviceAsync("MTR-1");

        var response = await device.PostAsync("/api/v1/meters/MTR-1/readings", new StringContent(body, Encoding.UTF8, "application/json"), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        Assert.Equal(0, await CountAsync(app, "readings"));
        await using var connection = await app.Services.GetRequiredService<IDatabase>().OpenAsync(Cancel);
        var quarantined = await connection.QuerySingleAsync<(string MeterId, string Reason, byte[] Payload)>(
            "SELECT meter_id, reason, payload FROM quarantine");
        Assert.Equal("MTR-1", quarantined.MeterId);
        Assert.Equal(problem.GetProperty("detail").GetString(), quarantined.Reason);
        Assert.Equal(body, Encoding.UTF8.GetString(quarantined.Payload));
    }

    [Fact]
    public async Task Per_tariff_registers_add_up_to_the_total()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        using var device = await app.DeviceAsync("MTR-1");
        var body = """
            {"readings":[{"ts":"2026-11-21T09:00:00Z","values":{"1-0:1.8.1":100.5,"1-0:1.8.2":200.25}},
                         {"ts":"2026-11-21T09:15:00Z","values":{"1-0:1.8.1":100.75,"1-0:1.8.2":200.5}}]}
            """;
        (await device.PostAsync("/api/v1/meters/MTR-1/readings", new StringContent(body, Encoding.UTF8, "application/json"), Cancel)).EnsureSuccessStatusCode();
        using var admin = await app.AdminAsync();

        var total = await ConsumptionAsync(admin, "MTR-1", "2026-11-21T09:00:00Z", "2026-11-21T09:15:00Z", "15m");

        Assert.Equal(0.5m, Assert.Single(total.Points).Value);
    }

    [Fact]
    public async Task Unknown_meters_answer_404_and_wrong_device_credentials_are_refused()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        using var device = await app.DeviceAsync("MTR-1");
        using var other = await app.DeviceAsync("MTR-2");
        using var admin = await app.AdminAsync();
        var body = ToJson(DaySnapshots("Europe/Rome", new LocalDate(2026, 11, 20), 0)[..2]);

        var unknown = await admin.GetAsync("/api/v1/meters/NOPE/consumption?from=2026-11-20&to=2026-11-21", Cancel);
        var wrongSecret = await app.DeviceClient("MTR-1", "guess").PostAsync("/api/v1/meters/MTR-1/readings", Json(body), Cancel);
        var noCredentials = await app.CreateClient().PostAsync("/api/v1/meters/MTR-1/readings", Json(body), Cancel);
        var anotherMeter = await other.PostAsync("/api/v1/meters/MTR-1/readings", Json(body), Cancel);
        var unknownTarget = await other.PostAsync("/api/v1/meters/NOPE/readings", Json(body), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noCredentials.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, anotherMeter.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, unknownTarget.StatusCode);
        Assert.Equal(0, await CountAsync(app, "readings"));
    }

    [Fact]
    public async Task Restarting_on_the_same_data_keeps_meters_readings_and_logins()
    {
        var app = await GridMeterApp.StartAsync(storage);
        using (var device = await app.DeviceAsync("MTR-1"))
        {
            await PostAsync(device, "MTR-1", DaySnapshots("Europe/Rome", new LocalDate(2026, 11, 20), startWh: 777_000));
        }

        await using var restarted = await app.RestartAsync();

        using var admin = await restarted.AdminAsync();
        var daily = await ConsumptionAsync(admin, "MTR-1", "2026-11-20", "2026-11-21", "day");
        Assert.Equal("actual", Assert.Single(daily.Points).Quality);
        Assert.NotNull(daily.Points[0].Value);
    }

    [Fact]
    public async Task Gaps_are_estimated_and_time_after_the_last_reading_is_missing()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        using var device = await app.DeviceAsync("MTR-1");
        var snapshots = DaySnapshots("Europe/Rome", new LocalDate(2026, 11, 20), startWh: 0);
        await PostAsync(device, "MTR-1", [.. snapshots.Take(40), .. snapshots.Skip(48).Take(20)]);
        using var admin = await app.AdminAsync();

        var quarters = await ConsumptionAsync(admin, "MTR-1", "2026-11-20", "2026-11-21", "15m");

        Assert.Equal(Enumerable.Repeat("actual", 39), quarters.Points.Take(39).Select(p => p.Quality));
        Assert.Equal(Enumerable.Repeat("estimated", 8), quarters.Points.Skip(39).Take(8).Select(p => p.Quality));
        Assert.Equal("actual", quarters.Points[48].Quality);
        Assert.All(quarters.Points.Skip(67), p => Assert.Equal(("missing", (decimal?)null), (p.Quality, p.Value)));
        Assert.Equal((snapshots[67].Wh - snapshots[0].Wh) / 1000m, quarters.Points.Sum(p => p.Value));
    }

    /// <summary>Snapshots every 15 minutes from local midnight to the next, with an uneven load.</summary>
    internal static List<(Instant Ts, long Wh)> DaySnapshots(string zone, LocalDate day, long startWh)
    {
        var tz = DateTimeZoneProviders.Tzdb[zone];
        var start = tz.AtStartOfDay(day).ToInstant();
        var end = tz.AtStartOfDay(day.PlusDays(1)).ToInstant();
        var list = new List<(Instant, long)>();
        var wh = startWh;
        for (var (t, i) = (start, 0); t <= end; t += Duration.FromMinutes(15), i++)
        {
            list.Add((t, wh));
            wh += 37 + (i * 13 % 211);
        }
        return list;
    }

    internal static string ToJson(IEnumerable<(Instant Ts, long Wh)> snapshots) =>
        "{\"readings\":[" + string.Join(",", snapshots.Select(s =>
            string.Create(CultureInfo.InvariantCulture, $"{{\"ts\":\"{s.Ts}\",\"values\":{{\"1-0:1.8.0\":{s.Wh / 1000m}}}}}"))) + "]}";

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static Task<HttpResponseMessage> PostAsync(HttpClient device, string meterId, IEnumerable<(Instant Ts, long Wh)> snapshots) =>
        device.PostAsync($"/api/v1/meters/{meterId}/readings", Json(ToJson(snapshots)), Cancel);

    private static async Task<ConsumptionResponse> ConsumptionAsync(HttpClient client, string meterId, string from, string to, string interval)
    {
        var response = await client.GetAsync(
            $"/api/v1/meters/{meterId}/consumption?from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}&interval={interval}", Cancel);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ConsumptionResponse>(Cancel))!;
    }

    private static async Task<long> CountAsync(GridMeterApp app, string table)
    {
        await using var connection = await app.Services.GetRequiredService<IDatabase>().OpenAsync(Cancel);
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
    }
}

public sealed class SqliteReadingsApiTests() : ReadingsApiTests(StorageBackend.Sqlite);

public sealed class PostgresReadingsApiTests() : ReadingsApiTests(StorageBackend.Postgres);
