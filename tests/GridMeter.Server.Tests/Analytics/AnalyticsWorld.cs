using System.Net.Http.Json;
using GridMeter.Domain.Readings;
using GridMeter.Server.Analytics;
using GridMeter.Simulator.Households;
using GridMeter.Simulator.Meters;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using static GridMeter.Server.Tests.Vee.MeterDataFixture;

namespace GridMeter.Server.Tests.Analytics;

/// <summary>
/// Six simulated households — three retired, three charging a car at night — report four weeks of
/// quarter-hours; one's fridge stops on the last day. The analytics job then runs once. Built once
/// per storage backend: the tests only read it.
/// </summary>
public abstract class AnalyticsWorld(StorageBackend storage) : IAsyncLifetime
{
    public static readonly DateTimeZone Rome = DateTimeZoneProviders.Tzdb["Europe/Rome"];
    public static readonly LocalDate FirstDay = new(2025, 12, 22);
    public static readonly LocalDate LastDay = new(2026, 1, 19);
    public static readonly Instant Now = Instant.FromUtc(2026, 1, 20, 10, 30);

    private GridMeterApp? _app;

    public GridMeterApp App => _app ?? throw new InvalidOperationException("The world is not built yet.");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _app = await StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }

    private async Task<GridMeterApp> StartAsync()
    {
        var app = await GridMeterApp.StartAsync(storage, now: Now.ToDateTimeOffset(), settings: new()
        {
            ["GridMeter:Analytics:Clusters"] = "2",
            ["GridMeter:Analytics:ClusterDays"] = "14",
            ["GridMeter:Analytics:FaultHistoryDays"] = "21",
        });
        await OrganisationsAsync(app);
        var households = new[] { ("MTR-R1", HouseholdArchetype.Retired), ("MTR-R2", HouseholdArchetype.Retired), ("MTR-R3", HouseholdArchetype.Retired),
            ("MTR-E1", HouseholdArchetype.ElectricVehicleHome), ("MTR-E2", HouseholdArchetype.ElectricVehicleHome), ("MTR-E3", HouseholdArchetype.ElectricVehicleHome) };
        using var admin = await app.AdminAsync();
        for (var i = 0; i < households.Length; i++)
        {
            var (id, archetype) = households[i];
            var household = Household.Create(archetype, 100 + i, Premises.In(Rome, 1));
            if (i == 0)
            {
                household = household.WithFaults(new ApplianceFault("fridge", FaultKind.Stopped, Rome.AtStartOfDay(LastDay).ToInstant() + Duration.FromHours(1)));
            }
            var meter = new VirtualMeter(new MeterSetup(id, household, Rome.AtStartOfDay(FirstDay).ToInstant()));
            using var device = await MeterAsync(app, id);
            await PostAsync(device, $"/api/v1/meters/{id}/readings", Quarters(at => meter.SnapshotAt(at).Values[ObisCode.ActiveImport]));
            if (i == 0)
            {
                (await admin.PostAsJsonAsync($"/api/v1/meters/{id}/appliances", new { id = "fridge", name = "Fridge", type = "fridge" }, Cancel)).EnsureSuccessStatusCode();
                await PostAsync(device, $"/api/v1/meters/{id}/appliances/fridge/readings",
                    Quarters(at => meter.ApplianceSnapshotAt("fridge", at).Registers.Values[ObisCode.ActiveImport]));
            }
        }
        // The three car-charging homes share a building without a main meter: an aggregation group.
        (await admin.PostAsJsonAsync("/api/v1/grid/nodes", new { id = "B-1", kind = "building", name = "Block B" }, Cancel)).EnsureSuccessStatusCode();
        foreach (var id in new[] { "MTR-E1", "MTR-E2", "MTR-E3" })
        {
            (await admin.PutAsJsonAsync($"/api/v1/meters/{id}/placement", new { nodeId = "B-1" }, Cancel)).EnsureSuccessStatusCode();
        }
        await ProcessAsync(app);
        await app.Services.GetRequiredService<AnalyticsJob>().RunOnceAsync(Cancel);
        return app;
    }

    private static async Task PostAsync(HttpClient device, string path, List<(Instant Ts, long Wh)> snapshots)
    {
        foreach (var chunk in snapshots.Chunk(1000))
        {
            await GridMeter.Server.Tests.Vee.MeterDataFixture.PostAsync(device, path, chunk);
        }
    }

    private static List<(Instant Ts, long Wh)> Quarters(Func<Instant, decimal> kwh)
    {
        var list = new List<(Instant, long)>();
        for (var at = Rome.AtStartOfDay(FirstDay).ToInstant(); at <= Now; at += Duration.FromMinutes(15))
        {
            list.Add((at, (long)(kwh(at) * 1000)));
        }
        return list;
    }
}

public sealed class SqliteAnalyticsWorld() : AnalyticsWorld(StorageBackend.Sqlite);

public sealed class PostgresAnalyticsWorld() : AnalyticsWorld(StorageBackend.Postgres);
