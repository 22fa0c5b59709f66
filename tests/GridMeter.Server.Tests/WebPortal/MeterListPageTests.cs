using System.Diagnostics;
using Dapper;
using GridMeter.Server.Storage;
using GridMeter.Server.Tests.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace GridMeter.Server.Tests.WebPortal;

/// <summary>The meter list with a fleet of 10,000: paged, filtered and counted by the database, fast, on both providers.</summary>
public abstract class MeterListPageTests(StorageBackend storage)
{
    internal const int FleetSize = 10_000;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_meter_list_shows_any_page_of_ten_thousand_meters_in_under_200_ms()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        await SeedFleetAsync(app);
        using var browser = Portal.Browser(app);
        await Portal.LogInAsync(browser, "admin", GridMeterApp.AdminPassword);

        var timings = new List<double>();
        string last = "";
        foreach (var page in new[] { "/portal/meters", "/portal/meters?page=150", "/portal/meters?health=online&page=80", "/portal/meters?q=MTR-0999" })
        {
            for (var round = 0; round < 6; round++)
            {
                var clock = Stopwatch.StartNew();
                last = await browser.GetStringAsync(page, Cancel);
                if (round > 0)
                {
                    timings.Add(clock.Elapsed.TotalMilliseconds);
                }
            }
        }

        Assert.Contains("MTR-09990", last);
        Assert.Contains("10 meters; page 1 of 1.", last);
        timings.Sort();
        var median = timings[timings.Count / 2];
        TestContext.Current.TestOutputHelper?.WriteLine($"{storage}: median {median:0} ms, max {timings[^1]:0} ms over {timings.Count} page loads");
        Assert.True(median < 200, $"median {median:0} ms over {timings.Count} page loads (max {timings[^1]:0} ms)");
    }

    [Fact]
    public async Task The_meter_list_counts_filters_and_pages_within_the_callers_scope()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        await SeedFleetAsync(app);
        using var browser = Portal.Browser(app);
        await Portal.LogInAsync(browser, "admin", GridMeterApp.AdminPassword);

        var online = await browser.GetStringAsync("/portal/meters?health=online&page=100", Cancel);

        Assert.Contains($"{FleetSize / 2} meters; page 100 of 100.", online);
        Assert.Contains("MTR-09998", online);
        Assert.DoesNotContain("MTR-09999", online);
        Assert.Contains("rel=\"prev\"", online);
        Assert.DoesNotContain("rel=\"next\"", online);
        var underscore = await browser.GetStringAsync("/portal/meters?q=MTR_", Cancel);
        Assert.Contains("1 meter; page 1 of 1.", underscore);
        Assert.Contains("MTR_X", underscore);
    }

    /// <summary>10,000 meters of one supplier in one transaction; every other one has reported itself online.</summary>
    internal static async Task SeedFleetAsync(GridMeterApp app)
    {
        using var admin = await app.AdminAsync();
        await World.SendAsync(admin, "/api/v1/organisations", new { id = "acme", name = "ACME", kind = "supplier" });
        var database = app.Services.GetRequiredService<IDatabase>();
        await using var connection = await database.OpenAsync(Cancel);
        await using var transaction = await connection.BeginTransactionAsync(Cancel);
        var meters = Enumerable.Range(0, FleetSize).Select(i => new { id = $"MTR-{i:00000}", secret = new byte[32] }).ToList();
        await connection.ExecuteAsync(
            """
            INSERT INTO meters (id, time_zone, phases, secret_hash, supplier_id, reading_period_minutes, max_current_a, nominal_voltage_v, created_at)
            VALUES (@id, 'Europe/Rome', 1, @secret, 'acme', 15, 63, 230, 0)
            """, meters, transaction);
        await connection.ExecuteAsync(
            """
            INSERT INTO meter_status (meter_key, online, last_seen)
            SELECT key, @online, 1795000000000 FROM meters WHERE id LIKE 'MTR-%' AND CAST(SUBSTR(id, 5) AS INTEGER) % 2 = 0
            """, new { online = true }, transaction);
        // "_" in a search is a character, not LIKE's wildcard: "MTR_" must not find "MTR-…".
        await connection.ExecuteAsync(
            "INSERT INTO meters (id, time_zone, phases, secret_hash, reading_period_minutes, max_current_a, nominal_voltage_v, created_at) VALUES ('MTR_X', 'UTC', 1, @secret, 15, 63, 230, 0)",
            new { secret = new byte[32] }, transaction);
        await transaction.CommitAsync(Cancel);
    }
}

public sealed class SqliteMeterListPageTests() : MeterListPageTests(StorageBackend.Sqlite);

public sealed class PostgresMeterListPageTests() : MeterListPageTests(StorageBackend.Postgres);
