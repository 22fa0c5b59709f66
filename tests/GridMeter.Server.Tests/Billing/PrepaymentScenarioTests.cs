using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using GridMeter.Server.Audit;
using GridMeter.Server.Commands;
using GridMeter.Server.Prepayment;
using GridMeter.Server.Storage;
using GridMeter.Server.Tests.Vee;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace GridMeter.Server.Tests.Billing;

/// <summary>
/// A prepaid household in Rome on 0.50 EUR/kWh, no emergency credit: 5.00 topped up on Friday
/// 4 December 2026 runs out at 19:00 that evening, after ten quarter-hours of 1 kWh.
/// </summary>
public abstract class PrepaymentScenarioTests(StorageBackend storage)
{
    private const string Secret = "provider-secret-for-tests-0123456789";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static DateTimeOffset Local(int day, int hour, int minute = 0) =>
        BillingFixture.Rome.AtStrictly(new LocalDateTime(2026, 12, day, hour, minute)).ToDateTimeOffset();

    private static async Task<GridMeterApp> HouseholdRunningOutFridayAt19Async(StorageBackend storage)
    {
        var app = await GridMeterApp.StartAsync(storage, now: Local(4, 9),
            settings: new() { ["GridMeter:Prepayment:CallbackSecret"] = Secret, ["GridMeter:Prepayment:PollSeconds"] = "3600" });
        await MeterDataFixture.OrganisationsAsync(app);
        var device = await MeterDataFixture.MeterAsync(app, "MTR-P1");
        using var supplier = await app.ClientForAsync("supplier", MeterDataFixture.Password);
        await BillingFixture.SendAsync(supplier, HttpMethod.Put, "/api/v1/meters/MTR-P1/tariff",
            new { currency = "EUR", validFrom = "2026-12-04", energy = new[] { new { name = "energy", price = 0.50m } }, paymentMode = "prepaid" }, 200);
        await BillingFixture.SendAsync(supplier, HttpMethod.Post, "/api/v1/meters/MTR-P1/topups", new { paymentId = "PAY-1", amount = 5.00m }, 201);
        await BillingFixture.SendAsync(supplier, HttpMethod.Put, "/api/v1/meters/MTR-P1/prepayment", new { emergencyCredit = 0m, lowBalanceThreshold = 2m }, 200);
        app.Clock.Set(Local(4, 19));
        var from = BillingFixture.LocalMidnight(2026, 12, 4);
        var lastHourStart = Instant.FromDateTimeOffset(Local(4, 16, 30));
        await BillingFixture.ReadingsAsync(device, "MTR-P1", from, Instant.FromDateTimeOffset(Local(4, 19)), t => t >= lastHourStart ? 1000 : 0);
        return app;
    }

    /// <summary>The supply commands prepayment sent the meter, oldest first, each requested by GridMeter itself.</summary>
    private static async Task<List<string>> SwitchRequestsAsync(GridMeterApp app)
    {
        using var admin = await app.AdminAsync();
        var list = await MeterDataFixture.GetAsync<CommandList>(admin, "/api/v1/meters/MTR-P1/commands");
        Assert.All(list.Items, c => Assert.Equal("system:billing", c.RequestedBy));
        return [.. list.Items.Reverse().Select(c => $"{c.Command} {c.MeterId}")];
    }

    private static Task RunJobAsync(GridMeterApp app) => app.Services.GetRequiredService<PrepaymentJob>().RunOnceAsync(Cancel);

    private static async Task<HttpResponseMessage> CallbackAsync(GridMeterApp app, string body, string? signature)
    {
        using var client = app.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/payments/callback") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null)
        {
            request.Headers.Add(PaymentSignature.Header, signature);
        }
        return await client.SendAsync(request, Cancel);
    }

    [Fact]
    public async Task Credit_exhausted_on_friday_at_19_is_not_cut_before_monday_at_08_and_a_top_up_then_sends_a_reconnect()
    {
        await using var app = await HouseholdRunningOutFridayAt19Async(storage);

        await RunJobAsync(app);
        using var supplier = await app.ClientForAsync("supplier", MeterDataFixture.Password);
        var friday = await MeterDataFixture.GetAsync<BalanceResponse>(supplier, "/api/v1/meters/MTR-P1/balance");
        Assert.Equal((0m, true, true, "connected"), (friday.Balance, friday.Exhausted, friday.LowBalance, friday.Supply));
        foreach (var (day, hour) in new[] { (4, 23), (5, 8), (5, 12), (6, 10), (6, 18), (7, 7) })
        {
            app.Clock.Set(Local(day, hour, 59));
            await RunJobAsync(app);
            Assert.Empty(await SwitchRequestsAsync(app));
        }
        app.Clock.Set(Local(7, 8));
        await RunJobAsync(app);
        Assert.Equal(["disconnect MTR-P1"], await SwitchRequestsAsync(app));

        using var mondaySupplier = await app.ClientForAsync("supplier", MeterDataFixture.Password);
        await BillingFixture.SendAsync(mondaySupplier, HttpMethod.Post, "/api/v1/meters/MTR-P1/topups", new { paymentId = "PAY-2", amount = 10.00m }, 201);

        Assert.Equal(["disconnect MTR-P1", "reconnect MTR-P1"], await SwitchRequestsAsync(app));
        var monday = await MeterDataFixture.GetAsync<BalanceResponse>(mondaySupplier, "/api/v1/meters/MTR-P1/balance");
        Assert.Equal((10m, false, "connected"), (monday.Balance, monday.Exhausted, monday.Supply));
        var audit = await app.Services.GetRequiredService<AuditLog>().ReadAsync("meter:MTR-P1", null, 50, Cancel);
        Assert.Equal(["prepayment.low_balance", "prepayment.exhausted", "prepayment.disconnect_requested", "prepayment.balance_restored", "prepayment.reconnect_requested"],
            audit.Where(a => a.Actor == AuditLog.System).OrderBy(a => a.Key).Select(a => a.Action).Distinct());
    }

    [Fact]
    public async Task A_repeated_payment_callback_credits_once_and_a_bad_signature_is_refused_and_audited()
    {
        await using var app = await HouseholdRunningOutFridayAt19Async(storage);
        await RunJobAsync(app);
        using var supplier = await app.ClientForAsync("supplier", MeterDataFixture.Password);
        var body = """{"paymentId":"PSP-77","meterId":"MTR-P1","amount":12.50,"currency":"EUR"}""";
        var signature = PaymentSignature.Sign(Encoding.UTF8.GetBytes(body), Secret);

        var first = await CallbackAsync(app, body, signature);
        var again = await CallbackAsync(app, body, signature);
        var forged = await CallbackAsync(app, body.Replace("12.50", "1250.00", StringComparison.Ordinal), signature);
        var unsigned = await CallbackAsync(app, body, null);

        Assert.Equal(System.Net.HttpStatusCode.OK, first.StatusCode);
        Assert.True((await first.Content.ReadFromJsonAsync<TopUpResponse>(Cancel))!.Credited);
        Assert.False((await again.Content.ReadFromJsonAsync<TopUpResponse>(Cancel))!.Credited);
        Assert.Equal((System.Net.HttpStatusCode.Unauthorized, System.Net.HttpStatusCode.Unauthorized), (forged.StatusCode, unsigned.StatusCode));
        Assert.Equal("application/problem+json", forged.Content.Headers.ContentType?.MediaType);
        var balance = await MeterDataFixture.GetAsync<BalanceResponse>(supplier, "/api/v1/meters/MTR-P1/balance");
        Assert.Equal(12.50m, balance.Balance);
        await using var connection = await app.Services.GetRequiredService<IDatabase>().OpenAsync(Cancel);
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM topups WHERE payment_id = 'PSP-77'"));
        var refused = await app.Services.GetRequiredService<AuditLog>().ReadAsync("payments", null, 10, Cancel);
        Assert.Equal(2, refused.Count(a => a.Action == "payment.callback_refused" && a.Actor == "payment-provider"));
    }

    [Fact]
    public async Task A_top_up_pays_its_configured_share_towards_debt()
    {
        await using var app = await HouseholdRunningOutFridayAt19Async(storage);
        await RunJobAsync(app);
        using var supplier = await app.ClientForAsync("supplier", MeterDataFixture.Password);
        await BillingFixture.SendAsync(supplier, HttpMethod.Put, "/api/v1/meters/MTR-P1/prepayment", new { debt = 30m }, 200);

        await BillingFixture.SendAsync(supplier, HttpMethod.Post, "/api/v1/meters/MTR-P1/topups", new { paymentId = "PAY-D", amount = 20.00m }, 201);
        var repeat = await BillingFixture.SendAsync(supplier, HttpMethod.Post, "/api/v1/meters/MTR-P1/topups", new { paymentId = "PAY-D", amount = 20.00m }, 200);

        // The default share is 25%: 5.00 to the debt, 15.00 to the balance, once.
        Assert.Equal((15m, 25m), (repeat.GetProperty("balance").GetProperty("balance").GetDecimal(), repeat.GetProperty("balance").GetProperty("debt").GetDecimal()));
    }
}

public sealed class SqlitePrepaymentScenarioTests() : PrepaymentScenarioTests(StorageBackend.Sqlite);

public sealed class PostgresPrepaymentScenarioTests() : PrepaymentScenarioTests(StorageBackend.Postgres);
