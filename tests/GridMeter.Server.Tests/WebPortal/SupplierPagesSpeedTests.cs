using System.Diagnostics;
using Dapper;
using GridMeter.Server.Storage;
using GridMeter.Server.Tests.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace GridMeter.Server.Tests.WebPortal;

/// <summary>
/// The supplier's and operator's pages with 10,000 meters, each with a pending tariff request and a
/// prepaid account: the database pages them, so any page answers in well under 200 ms, on both providers.
/// </summary>
public abstract class SupplierPagesSpeedTests(StorageBackend storage)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_request_queue_prepaid_accounts_meter_account_and_outages_answer_in_under_200_ms_with_ten_thousand_meters()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        await MeterListPageTests.SeedFleetAsync(app);
        await SeedRequestsAndAccountsAsync(app);
        using var admin = await app.AdminAsync();
        await World.SendAsync(admin, "/api/v1/users", new { username = "sam", password = World.Password, role = "supplier", organisationId = "acme" });
        using var supplier = Portal.Browser(app);
        await Portal.LogInAsync(supplier, "sam", World.Password);
        using var administrator = Portal.Browser(app);
        await Portal.LogInAsync(administrator, "admin", GridMeterApp.AdminPassword);

        var timings = new List<double>();
        var pages = new Dictionary<string, string>();
        foreach (var (browser, page) in new[]
        {
            (supplier, "/portal/requests"), (supplier, "/portal/requests?page=150"), (supplier, "/portal/prepaid"), (supplier, "/portal/prepaid?page=150"),
            (supplier, "/portal/meters/MTR-05000/account"), (supplier, "/portal/meters/MTR-05000"), (supplier, "/portal/bills"), (administrator, "/portal/outages"),
        })
        {
            for (var round = 0; round < 4; round++)
            {
                var clock = Stopwatch.StartNew();
                pages[page] = await browser.GetStringAsync(page, Cancel);
                if (round > 0)
                {
                    timings.Add(clock.Elapsed.TotalMilliseconds);
                }
            }
        }

        Assert.Contains($"{MeterListPageTests.FleetSize} pending requests; page 150 of 200.", pages["/portal/requests?page=150"]);
        Assert.Contains("MTR-07450", pages["/portal/requests?page=150"]);
        Assert.Contains($"{MeterListPageTests.FleetSize} prepaid accounts; page 150 of 200.", pages["/portal/prepaid?page=150"]);
        Assert.Contains("MTR-07450", pages["/portal/prepaid?page=150"]);
        Assert.Contains("12.50 EUR", pages["/portal/meters/MTR-05000/account"]);
        timings.Sort();
        var median = timings[timings.Count / 2];
        TestContext.Current.TestOutputHelper?.WriteLine($"{storage}: median {median:0} ms, max {timings[^1]:0} ms over {timings.Count} page loads");
        Assert.True(median < 200, $"median {median:0} ms over {timings.Count} page loads (max {timings[^1]:0} ms)");
    }

    /// <summary>For each meter of the fleet: a pending request for T-1 (in meter order) and a prepaid account with 12.50 EUR.</summary>
    private static async Task SeedRequestsAndAccountsAsync(GridMeterApp app)
    {
        using var admin = await app.AdminAsync();
        await World.SendAsync(admin, "/api/v1/tariffs", new
        {
            id = "T-1", name = "Flat", supplierId = "acme",
            tariff = new { currency = "EUR", validFrom = "2026-10-01", vatPercent = 10, energy = new[] { new { name = "energy", price = 0.25m } } },
        });
        var database = app.Services.GetRequiredService<IDatabase>();
        await using var connection = await database.OpenAsync(Cancel);
        await using var transaction = await connection.BeginTransactionAsync(Cancel);
        await connection.ExecuteAsync(
            """
            INSERT INTO tariff_requests (id, meter_key, tariff_id, valid_from, requested_by, status, created_at)
            SELECT 'TR-' || id, key, 'T-1', '2027-01-01', 'consumer', 'pending', key FROM meters WHERE id LIKE 'MTR-%'
            """, transaction: transaction);
        await connection.ExecuteAsync(
            """
            INSERT INTO prepaid_accounts (meter_key, currency, balance_micros, emergency_micros, threshold_micros, debt_micros, debited_to, supply, low_balance, exhausted, updated_at)
            SELECT key, 'EUR', 12500000, 0, 0, 0, 0, 'connected', 0, 0, 0 FROM meters WHERE id LIKE 'MTR-%'
            """, transaction: transaction);
        await transaction.CommitAsync(Cancel);
    }
}

public sealed class SqliteSupplierPagesSpeedTests() : SupplierPagesSpeedTests(StorageBackend.Sqlite);

public sealed class PostgresSupplierPagesSpeedTests() : SupplierPagesSpeedTests(StorageBackend.Postgres);
