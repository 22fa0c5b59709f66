using System.Net.Http.Json;
using System.Text;
using GridMeter.Server.Alerts;
using GridMeter.Server.Devices;
using GridMeter.Server.Outages;
using GridMeter.Server.Tests.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace GridMeter.Server.Tests.Outages;

/// <summary>Last gasps, wills and silence correlated by feeder into outages; restoration; SAIDI and SAIFI.</summary>
public sealed class OutageTests
{
    private const string Password = "correct horse battery";
    private static readonly DateTimeOffset Ten = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(StorageBackend.Sqlite)]
    [InlineData(StorageBackend.Postgres)]
    public async Task A_feeder_of_fifty_meters_going_dark_is_one_network_outage_restored_when_its_last_meter_returns_with_saidi_and_saifi_by_hand(StorageBackend storage)
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        await BuildNetworkAsync(app, feederMeters: 50);
        var messages = app.Services.GetRequiredService<DeviceMessages>();
        using var olga = await app.ClientForAsync("olga", Password);
        using var otherOperator = await app.ClientForAsync("oscar", Password);

        // Feeder F1 fails at 10:00: every meter's last gasp. One meter of F2 loses supply alone from 10:10 to 10:50.
        await Task.WhenAll(Enumerable.Range(1, 50).Select(i => EventAsync(messages, $"F1-{i}", "power_down", Ten)));
        await EventAsync(messages, "F2-1", "power_down", Ten.AddMinutes(10));
        var during = await ListAsync(olga);

        Assert.Equal(2, during.Items.Count);
        var network = Assert.Single(during.Items, o => o.Scope == "network");
        Assert.Equal(("F1", 50, (DateTimeOffset?)null, Ten), (network.FeederId, network.MetersAffected, network.RestoredAt, network.StartedAt));
        var premises = Assert.Single(during.Items, o => o.Scope == "premises");
        Assert.Equal(["F2-1"], premises.MeterIds);
        Assert.Equal([$"outage:{network.Id}"], await app.Services.GetRequiredService<Alerting>().ActiveAsync("outage", TestContext.Current.CancellationToken));

        // Supply returns at 10:30; the outage stays open until its last meter is back.
        foreach (var i in Enumerable.Range(1, 49))
        {
            await EventAsync(messages, $"F1-{i}", "power_up", Ten.AddMinutes(30));
        }
        Assert.Null((await ListAsync(olga)).Items.Single(o => o.Scope == "network").RestoredAt);
        await EventAsync(messages, "F1-50", "power_up", Ten.AddMinutes(30));
        await EventAsync(messages, "F2-1", "power_up", Ten.AddMinutes(50));
        var after = await ListAsync(olga);

        Assert.Equal(Ten.AddMinutes(30), after.Items.Single(o => o.Scope == "network").RestoredAt);
        Assert.Empty(await app.Services.GetRequiredService<Alerting>().ActiveAsync("outage", TestContext.Current.CancellationToken));
        Assert.Equal(Ten.AddMinutes(50), after.Items.Single(o => o.Scope == "premises").RestoredAt);
        Assert.Empty((await ListAsync(otherOperator)).Items);

        // By hand: 52 customers served; 50 out for 30 minutes and 1 for 40: SAIDI = (50·30 + 40) / 52 minutes, SAIFI = 51 / 52.
        var indices = await olga.GetFromJsonAsync<ReliabilityResponse>(
            "/api/v1/outages/reliability?from=2026-11-22T00:00:00Z&to=2026-11-23T00:00:00Z", Cancel);
        Assert.Equal(52, indices!.CustomersServed);
        Assert.Equal(51, indices.CustomersInterrupted);
        Assert.Equal(1540.0 / 52, indices.Saidi, 9);
        Assert.Equal(51.0 / 52, indices.Saifi, 9);
    }

    [Fact]
    public async Task A_will_takes_a_meter_down_and_its_return_online_restores_it_while_a_meter_saying_goodbye_is_no_outage()
    {
        await using var app = await GridMeterApp.StartAsync();
        await BuildNetworkAsync(app, feederMeters: 3);
        var messages = app.Services.GetRequiredService<DeviceMessages>();
        using var olga = await app.ClientForAsync("olga", Password);

        await messages.HandleAsync("meters/F1-1/status", Encoding.UTF8.GetBytes("""{"online":false}"""), isWill: false, Cancel);
        Assert.Empty((await ListAsync(olga)).Items);
        await messages.HandleAsync("meters/F1-2/status", Encoding.UTF8.GetBytes("""{"online":false}"""), isWill: true, Cancel);
        var down = Assert.Single((await ListAsync(olga)).Items);
        Assert.Equal(("premises", "will", (DateTimeOffset?)null), (down.Scope, down.Cause, down.RestoredAt));

        app.Clock.Advance(TimeSpan.FromMinutes(20));
        await messages.HandleAsync("meters/F1-2/status", Encoding.UTF8.GetBytes("""{"online":true}"""), Cancel);

        Assert.Equal(app.Clock.GetUtcNow(), Assert.Single((await ListAsync(olga)).Items).RestoredAt);
    }

    [Fact]
    public async Task Meters_silent_for_three_reading_periods_are_counted_down_from_when_last_heard_and_their_next_values_restore_them()
    {
        await using var app = await GridMeterApp.StartAsync();
        await BuildNetworkAsync(app, feederMeters: 4);
        var messages = app.Services.GetRequiredService<DeviceMessages>();
        using var olga = await app.ClientForAsync("olga", Password);
        var heard = app.Clock.GetUtcNow();
        foreach (var i in Enumerable.Range(1, 4))
        {
            await messages.HandleAsync($"meters/F1-{i}/live", Encoding.UTF8.GetBytes("""{"ts":"2026-11-22T12:00:00Z","values":{"1-0:1.7.0":0.4}}"""), Cancel);
        }

        app.Clock.Advance(TimeSpan.FromMinutes(40));
        await messages.HandleAsync("meters/F1-4/live", Encoding.UTF8.GetBytes("""{"ts":"2026-11-22T12:40:00Z","values":{"1-0:1.7.0":0.4}}"""), Cancel);
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var job = app.Services.GetRequiredService<OutagesJob>();
        await job.RunOnceAsync(Cancel);

        var outage = Assert.Single((await ListAsync(olga)).Items);
        Assert.Equal(("network", "missed_reports", heard, 3), (outage.Scope, outage.Cause, outage.StartedAt, outage.MetersAffected));
        foreach (var i in Enumerable.Range(1, 3))
        {
            await messages.HandleAsync($"meters/F1-{i}/live", Encoding.UTF8.GetBytes("""{"ts":"2026-11-22T12:50:00Z","values":{"1-0:1.7.0":0.4}}"""), Cancel);
        }
        Assert.Equal(app.Clock.GetUtcNow(), Assert.Single((await ListAsync(olga)).Items).RestoredAt);
    }

    private static async Task<OutageList> ListAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<OutageList>("/api/v1/outages", Cancel))!;

    private static async Task EventAsync(DeviceMessages messages, string meterId, string type, DateTimeOffset at)
    {
        var payload = $$"""{"events":[{"ts":"{{at.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}}","type":"{{type}}"}]}""";
        var outcome = await messages.HandleAsync($"meters/{meterId}/events", Encoding.UTF8.GetBytes(payload), Cancel);
        Assert.True(outcome.IsAccepted, outcome.Rejection);
    }

    /// <summary>Area A with feeder F1 (building B1, meters F1-1…) and feeder F2 (building B2, meters F2-1 and F2-2), all in grid's network; operators olga (grid) and oscar (elsewhere).</summary>
    private static async Task BuildNetworkAsync(GridMeterApp app, int feederMeters)
    {
        using var admin = await app.AdminAsync();
        await World.SendAsync(admin, "/api/v1/organisations", new { id = "grid", name = "Grid", kind = "networkOperator" });
        await World.SendAsync(admin, "/api/v1/organisations", new { id = "elsewhere", name = "Elsewhere", kind = "networkOperator" });
        await World.SendAsync(admin, "/api/v1/users", new { username = "olga", password = Password, role = "operator", organisationId = "grid" });
        await World.SendAsync(admin, "/api/v1/users", new { username = "oscar", password = Password, role = "operator", organisationId = "elsewhere" });
        await World.SendAsync(admin, "/api/v1/grid/nodes", new { id = "A", kind = "area", name = "North" });
        foreach (var feeder in new[] { "F1", "F2" })
        {
            await World.SendAsync(admin, "/api/v1/grid/nodes", new { id = feeder, kind = "feeder", parentId = "A", name = $"Feeder {feeder}" });
            await World.SendAsync(admin, "/api/v1/grid/nodes", new { id = $"B-{feeder}", kind = "building", parentId = feeder, name = $"Block {feeder}" });
        }
        foreach (var (feeder, count) in new[] { ("F1", feederMeters), ("F2", 2) })
        {
            for (var i = 1; i <= count; i++)
            {
                var id = $"{feeder}-{i}";
                await World.SendAsync(admin, "/api/v1/meters", new { id, timeZone = "Europe/Rome", networkOperatorId = "grid" });
                var placed = await admin.PutAsJsonAsync($"/api/v1/meters/{id}/placement", new { nodeId = $"B-{feeder}" }, Cancel);
                placed.EnsureSuccessStatusCode();
            }
        }
    }
}
