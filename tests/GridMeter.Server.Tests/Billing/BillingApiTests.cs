using System.Net.Http.Json;
using System.Text.Json;
using GridMeter.Server.Audit;
using GridMeter.Server.Tests.Vee;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace GridMeter.Server.Tests.Billing;

public abstract class BillingApiTests(StorageBackend storage)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly object FlatTariff = new
    {
        id = "T-FLAT",
        name = "Flat 25",
        tariff = new { currency = "EUR", validFrom = "2026-11-01", standingChargePerDay = 0.20m, vatPercent = 10, energy = new[] { new { name = "energy", price = 0.25m } } },
    };

    [Fact]
    public async Task A_bill_run_bills_the_month_to_the_cent_and_late_readings_bring_a_debit_note_not_a_changed_bill()
    {
        await using var app = await GridMeterApp.StartAsync(storage, now: new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero));
        await MeterDataFixture.OrganisationsAsync(app);
        var device = await MeterDataFixture.MeterAsync(app, "MTR-B1");
        using var supplier = await app.ClientForAsync("supplier", MeterDataFixture.Password);
        await BillingFixture.SendAsync(supplier, HttpMethod.Post, "/api/v1/tariffs", FlatTariff, 201);
        await BillingFixture.SendAsync(supplier, HttpMethod.Put, "/api/v1/meters/MTR-B1/tariff", new { tariffId = "T-FLAT", validFrom = "2026-11-01" }, 200);
        // November in Rome, 100 Wh a quarter-hour, but the last half day arrives only after the first run.
        var start = BillingFixture.LocalMidnight(2026, 11, 1);
        var late = Instant.FromUtc(2026, 11, 30, 11, 0);
        var register = await BillingFixture.ReadingsAsync(device, "MTR-B1", start, late, _ => 100);
        await MeterDataFixture.ProcessAsync(app);

        var run = await BillingFixture.SendAsync(supplier, HttpMethod.Post, "/api/v1/bill-runs", new { month = "2026-11" }, 201);
        var bills = await MeterDataFixture.GetAsync<JsonElement>(supplier, "/api/v1/bills?meterId=MTR-B1");

        Assert.Equal(1, run.GetProperty("bills").GetInt32());
        var bill = bills.GetProperty("items")[0];
        // 2832 quarter-hours × 0.1 kWh = 283.2 kWh × 0.25 = 70.80; 30 days × 0.20 = 6.00; VAT 10% of 76.80 = 7.68.
        Assert.Equal(84.48m, bill.GetProperty("total").GetDecimal());
        Assert.Equal(7.68m, bill.GetProperty("vat").GetDecimal());
        Assert.Equal(["energy", "standing charge", "VAT 10%"], bill.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("name").GetString()!));

        await BillingFixture.ReadingsAsync(device, "MTR-B1", late, BillingFixture.LocalMidnight(2026, 12, 1), _ => 100, register);
        await MeterDataFixture.ProcessAsync(app);
        var second = await BillingFixture.SendAsync(supplier, HttpMethod.Post, "/api/v1/bill-runs", new { month = "2026-11" }, 201);
        var after = (await MeterDataFixture.GetAsync<JsonElement>(supplier, "/api/v1/bills?meterId=MTR-B1")).GetProperty("items").EnumerateArray().ToList();

        Assert.Equal((0, 1), (second.GetProperty("bills").GetInt32(), second.GetProperty("notes").GetInt32()));
        var note = after.Single(b => b.GetProperty("kind").GetString() == "debit");
        Assert.Equal(bill.GetProperty("id").GetString(), note.GetProperty("corrects").GetString());
        // 48 more quarter-hours: 4.8 kWh × 0.25 = 1.20, VAT 0.12.
        Assert.Equal(1.32m, note.GetProperty("total").GetDecimal());
        Assert.Equal(84.48m, after.Single(b => b.GetProperty("kind").GetString() == "bill").GetProperty("total").GetDecimal());
        var cost = await MeterDataFixture.GetAsync<JsonElement>(supplier, "/api/v1/meters/MTR-B1/cost?from=2026-11-01&to=2026-12-01");
        Assert.Equal(85.80m, cost.GetProperty("total").GetDecimal());
        Assert.Equal("EUR", cost.GetProperty("currency").GetString());
    }

    [Fact]
    public async Task A_tariff_change_never_reaches_into_a_billed_period_and_bills_print_and_export()
    {
        await using var app = await GridMeterApp.StartAsync(storage, now: new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero));
        await MeterDataFixture.OrganisationsAsync(app);
        var device = await MeterDataFixture.MeterAsync(app, "MTR-B2");
        using var supplier = await app.ClientForAsync("supplier", MeterDataFixture.Password);
        await BillingFixture.SendAsync(supplier, HttpMethod.Post, "/api/v1/tariffs", FlatTariff, 201);
        await BillingFixture.SendAsync(supplier, HttpMethod.Put, "/api/v1/meters/MTR-B2/tariff", new { tariffId = "T-FLAT", validFrom = "2026-11-01" }, 200);
        await BillingFixture.ReadingsAsync(device, "MTR-B2", BillingFixture.LocalMidnight(2026, 11, 1), Instant.FromUtc(2026, 12, 2, 10, 0), _ => 100);
        var run = await BillingFixture.SendAsync(supplier, HttpMethod.Post, "/api/v1/bill-runs", new { month = "2026-11" }, 201);

        await BillingFixture.SendAsync(supplier, HttpMethod.Put, "/api/v1/meters/MTR-B2/tariff", new { tariffId = "T-FLAT", validFrom = "2026-11-20" }, 409);
        await BillingFixture.SendAsync(supplier, HttpMethod.Put, "/api/v1/meters/MTR-B2/tariff",
            new { currency = "EUR", validFrom = "2026-12-01", vatPercent = 10, energy = new[] { new { name = "energy", price = 0.30m } } }, 200);
        var billId = (await MeterDataFixture.GetAsync<JsonElement>(supplier, "/api/v1/bills?meterId=MTR-B2")).GetProperty("items")[0].GetProperty("id").GetString();
        var html = await supplier.GetStringAsync($"/api/v1/bills/{billId}/html", Cancel);
        var csv = await supplier.GetStringAsync($"/api/v1/bill-runs/{run.GetProperty("id").GetString()}/bills.csv", Cancel);
        var since = await MeterDataFixture.GetAsync<JsonElement>(supplier, "/api/v1/meters/MTR-B2/cost/since-last-bill");

        // 288 kWh × 0.25 = 72.00 + 6.00 standing, VAT 7.80.
        Assert.Contains("85.80", html, StringComparison.Ordinal);
        Assert.Contains("@media print", html, StringComparison.Ordinal);
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, rows.Length);
        Assert.EndsWith(",energy,288,kWh,0.25,72.00,78.00,7.80,85.80", rows[1], StringComparison.Ordinal);
        // Since the bill: December 1 00:00 to 2 December 11:00 local = 35 h = 14 kWh at the new price 0.30 = 4.20 + VAT 0.42.
        Assert.Equal(14m, since.GetProperty("consumptionKwh").GetDecimal());
        Assert.Equal(4.62m, since.GetProperty("cost").GetProperty("total").GetDecimal());
        // Projected: 31 days × 9.6 kWh = 297.6 kWh × 0.30 = 89.28 + VAT 8.93.
        Assert.Equal(297.6m, since.GetProperty("projectedKwh").GetDecimal());
        Assert.Equal(98.21m, since.GetProperty("projectedTotal").GetDecimal());
    }

    [Fact]
    public async Task A_consumer_asks_for_another_tariff_the_supplier_approves_it_from_the_date_asked_and_both_steps_are_audited()
    {
        await using var app = await GridMeterApp.StartAsync(storage, now: new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero));
        await MeterDataFixture.OrganisationsAsync(app);
        await MeterDataFixture.MeterAsync(app, "MTR-B3");
        using var admin = await app.AdminAsync();
        await BillingFixture.SendAsync(admin, HttpMethod.Post, "/api/v1/users", new { username = "carla", password = MeterDataFixture.Password, role = "consumer", meterIds = new[] { "MTR-B3" } }, 201);
        using var supplier = await app.ClientForAsync("supplier", MeterDataFixture.Password);
        using var consumer = await app.ClientForAsync("carla", MeterDataFixture.Password);
        await BillingFixture.SendAsync(supplier, HttpMethod.Post, "/api/v1/tariffs", FlatTariff, 201);
        await BillingFixture.SendAsync(supplier, HttpMethod.Post, "/api/v1/tariffs", new
        {
            id = "T-TOU", name = "Evenings cheap",
            tariff = new
            {
                currency = "EUR", validFrom = "2026-11-01", vatPercent = 10,
                energy = new object[] { new { name = "peak", price = 0.30m, days = new[] { "Mon", "Tue", "Wed", "Thu", "Fri" }, from = "08:00", to = "20:00" }, new { name = "offpeak", price = 0.15m } },
            },
        }, 201);
        await BillingFixture.SendAsync(supplier, HttpMethod.Put, "/api/v1/meters/MTR-B3/tariff", new { tariffId = "T-FLAT", validFrom = "2026-11-01" }, 200);

        var offered = await MeterDataFixture.GetAsync<JsonElement>(consumer, "/api/v1/tariffs");
        var request = await BillingFixture.SendAsync(consumer, HttpMethod.Post, "/api/v1/meters/MTR-B3/tariff-requests", new { tariffId = "T-TOU", message = "I work days" }, 201);
        var id = request.GetProperty("id").GetString();
        await BillingFixture.SendAsync(consumer, HttpMethod.Post, $"/api/v1/tariff-requests/{id}/decision", new { approve = true }, 403);
        await BillingFixture.SendAsync(supplier, HttpMethod.Post, $"/api/v1/tariff-requests/{id}/decision", new { approve = true, note = "from January" }, 200);
        await BillingFixture.SendAsync(supplier, HttpMethod.Post, $"/api/v1/tariff-requests/{id}/decision", new { approve = false }, 409);
        var seen = await MeterDataFixture.GetAsync<JsonElement>(consumer, $"/api/v1/tariff-requests/{id}");
        var assignments = await MeterDataFixture.GetAsync<JsonElement>(consumer, "/api/v1/meters/MTR-B3/tariff");
        var audit = await app.Services.GetRequiredService<AuditLog>().ReadAsync("meter:MTR-B3", null, 50, Cancel);

        Assert.Equal(["T-FLAT", "T-TOU"], offered.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetString()!).Order());
        Assert.Equal("2027-01-01", request.GetProperty("validFrom").GetString());
        Assert.Equal(("approved", "from January"), (seen.GetProperty("status").GetString(), seen.GetProperty("decisionNote").GetString()));
        Assert.Equal(["2026-11-01", "2027-01-01"], assignments.GetProperty("assignments").EnumerateArray().Select(a => a.GetProperty("validFrom").GetString()!));
        Assert.Contains(audit, a => a.Action == "tariff.change_requested" && a.Actor == "user:carla");
        Assert.Contains(audit, a => a.Action == "tariff.change_approved" && a.Actor == "user:supplier");
    }

    [Fact]
    public async Task Dynamic_prices_import_from_csv_and_bad_tariffs_are_refused_field_by_field()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        await MeterDataFixture.OrganisationsAsync(app);
        using var supplier = await app.ClientForAsync("supplier", MeterDataFixture.Password);
        await BillingFixture.SendAsync(supplier, HttpMethod.Post, "/api/v1/tariffs", new
        {
            id = "T-DYN", name = "Spot",
            tariff = new { currency = "EUR", validFrom = "2026-11-01", dynamicPrices = new[] { new { from = "2026-11-01T00:00:00+01:00", price = 0.1m } } },
        }, 201);

        var imported = await supplier.PutAsync("/api/v1/tariffs/T-DYN/prices",
            new StringContent("from,price\n2026-11-01T00:00:00+01:00,0.12\n2026-11-01T01:00:00+01:00,-0.01\n", System.Text.Encoding.UTF8, "text/csv"), Cancel);
        var bad = await BillingFixture.SendAsync(supplier, HttpMethod.Post, "/api/v1/tariffs",
            new { id = "T-BAD", name = "Bad", tariff = new { currency = "eur", validFrom = "2026-13-01", vatPercent = 120, tiers = new[] { new { upToKwh = 100, price = 0.1m } } } }, 400);

        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync(Cancel));
        var steps = (await imported.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("tariff").GetProperty("dynamicPrices");
        Assert.Equal(2, steps.GetArrayLength());
        Assert.Equal(["currency", "validFrom"], bad.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
    }
}

public sealed class SqliteBillingApiTests() : BillingApiTests(StorageBackend.Sqlite);

public sealed class PostgresBillingApiTests() : BillingApiTests(StorageBackend.Postgres);
