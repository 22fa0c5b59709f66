using System.Net;
using GridMeter.Server.Alerts;
using GridMeter.Server.Analytics;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using static GridMeter.Server.Tests.Vee.MeterDataFixture;

namespace GridMeter.Server.Tests.Analytics;

public abstract class AnalyticsApiTests(AnalyticsWorld world)
{
    private static readonly DateTimeZone Rome = AnalyticsWorld.Rome;
    private static readonly LocalDate LastDay = AnalyticsWorld.LastDay;
    private static readonly Instant Now = AnalyticsWorld.Now;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_job_clusters_a_suppliers_customers_by_archetype_finds_a_stopped_fridge_and_the_endpoints_show_both()
    {
        var app = world.App;
        using var supplier = await app.ClientForAsync("supplier", Password);
        using var operatorClient = await app.ClientForAsync("operator", Password);

        var clusters = await GetAsync<ClustersResponse>(supplier, "/api/v1/organisations/acme/clusters?season=winter&dayType=workday");
        var mine = await GetAsync<MeterClusterResponse>(supplier, "/api/v1/meters/MTR-R1/cluster?season=winter&dayType=workday");
        var meterFaults = await GetAsync<List<FaultResponse>>(supplier, "/api/v1/meters/MTR-R1/faults");
        var networkFaults = await GetAsync<List<FaultResponse>>(operatorClient, "/api/v1/organisations/grid/faults");

        Assert.Equal(2, clusters.Clusters.Count);
        Assert.All(clusters.Clusters, c => Assert.Equal(96, c.Centre.Length));
        var retired = clusters.Clusters.Single(c => c.MeterIds.Contains("MTR-R1"));
        Assert.Equal(["MTR-R1", "MTR-R2", "MTR-R3"], retired.MeterIds);
        Assert.Equal(retired.Cluster, mine.Cluster);
        var stopped = Assert.Single(meterFaults, f => f.ApplianceId == "fridge" && f.Rule == "stopped");
        Assert.Equal(Rome.AtStartOfDay(LastDay).ToInstant().ToDateTimeOffset(), stopped.From);
        Assert.Contains(networkFaults, f => f.MeterId == "MTR-R1" && f.ApplianceId == "fridge" && f.Rule == "stopped");
        Assert.Contains("appliance_fault:MTR-R1:fridge", await app.Services.GetRequiredService<Alerting>().ActiveAsync("appliance_fault", Cancel));
    }

    [Fact]
    public async Task Forecasts_and_imbalance_advice_build_on_what_the_meter_used_so_far()
    {
        var app = world.App;
        using var supplier = await app.ClientForAsync("supplier", Password);
        var today = Now.InZone(Rome).Date;
        var used = await ConsumptionAsync(supplier, "MTR-E1", Day(today), Day(today.PlusDays(1)), "day");

        var forecast = await GetAsync<ForecastResponse>(supplier, "/api/v1/meters/MTR-E1/forecast?pricePerKwh=0.25");
        var load = await GetAsync<LoadForecastResponse>(supplier, "/api/v1/organisations/acme/load-forecast");
        var building = await GetAsync<LoadForecastResponse>(supplier, "/api/v1/grid/nodes/B-1/load-forecast");
        var advice = await GetAsync<AdviceResponse>(supplier, "/api/v1/meters/MTR-E1/imbalance-advice?scheduleKwh=2.5");
        var noSchedule = await supplier.GetAsync("/api/v1/meters/MTR-E1/imbalance-advice", Cancel);

        Assert.Equal((long)(used.Points[0].Value!.Value * 1000), forecast.EndOfDay.SoFarWh);
        Assert.True(forecast.EndOfDay.ExpectedWh > 0, "the rest of the day is expected to use something");
        Assert.True(forecast.EndOfPeriod.TotalWh >= forecast.EndOfDay.TotalWh);
        Assert.Equal(Math.Round(forecast.EndOfPeriod.TotalWh / 1000m * 0.25m, 2), forecast.EndOfPeriod.Cost);
        Assert.Equal(6, load.Meters);
        Assert.Equal(96, load.ForecastWh.Length);
        Assert.NotNull(load.BacktestMape);
        Assert.Equal(("building", "B-1", 3), (building.Kind, building.Id, building.Meters));
        Assert.True(building.ForecastWh.Sum() < load.ForecastWh.Sum(), "the building holds half the portfolio");
        Assert.Equal(Now.ToDateTimeOffset().AddMinutes(-30), advice.HourStart);
        Assert.Equal(Math.Round((2.5m - advice.SoFarKwh) / 0.5m, 3), advice.HoldKw);
        Assert.True(advice.SoFarKwh > 0, "the half hour of readings counts");
        Assert.Equal(HttpStatusCode.BadRequest, noSchedule.StatusCode);
    }

    [Fact]
    public async Task Detected_faults_are_stored_once_however_often_the_job_runs()
    {
        var app = world.App;
        var store = app.Services.GetRequiredService<AnalyticsStore>();
        var first = await store.DetectedSinceAsync(0, 1000, Cancel);


        await app.Services.GetRequiredService<AnalyticsJob>().RunOnceAsync(Cancel);

        Assert.NotEmpty(first);
        Assert.Equal(first.Count, (await store.DetectedSinceAsync(0, 1000, Cancel)).Count);
    }
}

public sealed class SqliteAnalyticsApiTests(SqliteAnalyticsWorld world) : AnalyticsApiTests(world), IClassFixture<SqliteAnalyticsWorld>;

public sealed class PostgresAnalyticsApiTests(PostgresAnalyticsWorld world) : AnalyticsApiTests(world), IClassFixture<PostgresAnalyticsWorld>;
