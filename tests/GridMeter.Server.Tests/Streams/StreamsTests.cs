using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GridMeter.Server.Tests.Accounts;

namespace GridMeter.Server.Tests.Streams;

/// <summary>Data streams over the hierarchy give the same numbers as the consumption API, and only what the caller may see.</summary>
public sealed class StreamsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_stream_query_over_a_building_returns_the_same_totals_as_the_consumption_api()
    {
        await using var app = await GridMeterApp.StartAsync();
        using var admin = await BuildingWithTwoMetersAsync(app);
        const string span = "from=2026-11-20&to=2026-11-23";

        var streams = await admin.GetFromJsonAsync<JsonElement>(
            $"/api/v1/streams/points?path=networks/north/buildings/B-1/meters/*/1-0:1.8.0&{span}&rollup=day&method=sum&timeZone=Europe/Rome", Cancel);
        var building = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/grid/nodes/B-1/consumption?{span}&interval=day", Cancel);

        var paths = streams.GetProperty("streams").EnumerateArray().Select(s => s.GetProperty("path").GetString()).ToList();
        Assert.Equal(["networks/north/feeders/F-1/buildings/B-1/meters/M-1/1-0:1.8.0", "networks/north/feeders/F-1/buildings/B-1/meters/M-2/1-0:1.8.0"], paths);
        Assert.Equal(Values(building.GetProperty("points")), Values(streams.GetProperty("total")));
        Assert.Equal([null, 67.2m, 35.7m], Values(streams.GetProperty("total")));
        foreach (var stream in streams.GetProperty("streams").EnumerateArray())
        {
            var meterId = stream.GetProperty("path").GetString()!.Split('/')[^2];
            var meter = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/meters/{meterId}/consumption?{span}&interval=day", Cancel);
            Assert.Equal(Values(meter.GetProperty("points")), Values(stream.GetProperty("points")));
        }
    }

    [Fact]
    public async Task Rollups_and_methods_apply_per_stream_and_wildcards_match_prefixes()
    {
        await using var app = await GridMeterApp.StartAsync();
        using var admin = await BuildingWithTwoMetersAsync(app);

        var max = await admin.GetFromJsonAsync<JsonElement>(
            "/api/v1/streams/points?path=buildings/B-*/meters/M-2/power&from=2026-11-22T00:00:00Z&to=2026-11-22T02:00:00Z&rollup=hour&method=max", Cancel);
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/streams?path=meters/M-*/energy", Cancel);
        var summed = await admin.GetAsync("/api/v1/streams/points?path=meters/*/power&from=2026-11-22&to=2026-11-23&method=sum", Cancel);

        var stream = Assert.Single(max.GetProperty("streams").EnumerateArray());
        Assert.Equal("kW", stream.GetProperty("unit").GetString());
        Assert.Equal([2.4m, 2.4m], Values(stream.GetProperty("points")));
        Assert.Equal(JsonValueKind.Null, max.GetProperty("total").ValueKind);
        Assert.Equal(2, list.GetProperty("items").GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, summed.StatusCode);
    }

    [Fact]
    public async Task A_consumer_sees_only_their_own_streams_under_a_wildcard()
    {
        await using var app = await GridMeterApp.StartAsync();
        var world = await World.CreateAsync(app);
        using var consumer = await app.ClientForAsync("ours-consumer", World.Password);

        var list = await consumer.GetFromJsonAsync<JsonElement>("/api/v1/streams?path=meters/*/1-0:1.8.0", Cancel);
        var theirs = await consumer.GetFromJsonAsync<JsonElement>("/api/v1/streams?path=buildings/B-THEIRS/meters/*/1-0:1.8.0", Cancel);

        Assert.Equal(["meters/MTR-OURS/1-0:1.8.0"], list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("path").GetString()));
        Assert.Equal(0, theirs.GetProperty("items").GetArrayLength());
        Assert.NotNull(world);
    }

    [Theory]
    [InlineData("meters")]
    [InlineData("buildings/B-1/1-0:1.8.0")]
    [InlineData("meters/M-1/buildings/B-1/1-0:1.8.0")]
    [InlineData("meters/M-1/appliances/a/1-0:1.8.0")]
    [InlineData("meters/M 1/energy")]
    [InlineData("meters/M-1/1-0:1.7.0")]
    public async Task Malformed_paths_are_refused_with_a_problem_document(string path)
    {
        await using var app = await GridMeterApp.StartAsync();
        using var admin = await app.AdminAsync();

        var response = await admin.GetAsync($"/api/v1/streams?path={Uri.EscapeDataString(path)}", Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>An area "north" with feeder F-1 and building B-1 holding M-1 (0.1 kWh per quarter-hour) and M-2 (0.6) from 2026-11-21 00:00 local time.</summary>
    private static async Task<HttpClient> BuildingWithTwoMetersAsync(GridMeterApp app)
    {
        var admin = await app.AdminAsync();
        await World.SendAsync(admin, "/api/v1/grid/nodes", new { id = "north", kind = "area", name = "North" });
        await World.SendAsync(admin, "/api/v1/grid/nodes", new { id = "F-1", kind = "feeder", parentId = "north", name = "Feeder 1" });
        await World.SendAsync(admin, "/api/v1/grid/nodes", new { id = "B-1", kind = "building", parentId = "F-1", name = "Block 1" });
        foreach (var (id, step) in new[] { ("M-1", 0.1m), ("M-2", 0.6m) })
        {
            var secret = await app.ProvisionAsync(id);
            (await admin.PutAsJsonAsync($"/api/v1/meters/{id}/placement", new { nodeId = "B-1" }, Cancel)).EnsureSuccessStatusCode();
            using var device = app.DeviceClient(id, secret);
            var start = new DateTimeOffset(2026, 11, 20, 23, 0, 0, TimeSpan.Zero);
            var readings = Enumerable.Range(0, 4 * 37).Select(i => string.Create(CultureInfo.InvariantCulture,
                $"{{\"ts\":\"{start.AddMinutes(15 * i):yyyy-MM-ddTHH:mm:ssZ}\",\"values\":{{\"1-0:1.8.0\":{100 + step * i}}}}}"));
            var body = $"{{\"readings\":[{string.Join(",", readings)}]}}";
            (await device.PostAsync($"/api/v1/meters/{id}/readings", new StringContent(body, Encoding.UTF8, "application/json"), Cancel)).EnsureSuccessStatusCode();
        }
        return admin;
    }

    private static List<decimal?> Values(JsonElement points) =>
        [.. points.EnumerateArray().Select(p => p.GetProperty("value").ValueKind == JsonValueKind.Null ? (decimal?)null : p.GetProperty("value").GetDecimal())];
}
