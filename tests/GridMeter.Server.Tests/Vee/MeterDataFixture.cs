using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using GridMeter.Server.Accounts;
using GridMeter.Server.Consumption;
using GridMeter.Server.Meters;
using GridMeter.Server.Vee;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace GridMeter.Server.Tests.Vee;

/// <summary>A supplier, a network operator and their staff, meters they own, and the steps tests take with them.</summary>
internal static class MeterDataFixture
{
    public const string Supplier = "acme";
    public const string Operator = "grid";
    public const string Password = "password-for-tests";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Creates the organisations and the users "supplier" and "operator" working for them.</summary>
    public static async Task OrganisationsAsync(GridMeterApp app)
    {
        var organisations = app.Services.GetRequiredService<Organisations>();
        await organisations.CreateAsync(new Organisation(Supplier, "ACME Energy", Organisation.SupplierKind), Cancel);
        await organisations.CreateAsync(new Organisation(Operator, "Grid Co", Organisation.NetworkOperatorKind), Cancel);
        var users = app.Services.GetRequiredService<UserAccounts>();
        await users.CreateAsync("supplier", Password, "supplier", Supplier, null, null, Cancel);
        await users.CreateAsync("operator", Password, "operator", Operator, null, null, Cancel);
    }

    /// <summary>Provisions a meter supplied by acme in grid's network and returns its device client.</summary>
    public static async Task<HttpClient> MeterAsync(GridMeterApp app, string id, string zone = "Europe/Rome", int phases = 1)
    {
        using var admin = await app.AdminAsync();
        var response = await admin.PostAsJsonAsync("/api/v1/meters",
            new { id, timeZone = zone, phases, supplierId = Supplier, networkOperatorId = Operator }, Cancel);
        response.EnsureSuccessStatusCode();
        var meter = await response.Content.ReadFromJsonAsync<MeterResponse>(Cancel);
        return app.DeviceClient(id, meter!.DeviceSecret!);
    }

    public static Task<int> ProcessAsync(GridMeterApp app) => app.Services.GetRequiredService<VeeJob>().ProcessPendingAsync(Cancel);

    public static async Task PostAsync(HttpClient device, string path, IEnumerable<(Instant Ts, long Wh)> snapshots)
    {
        var body = Readings.ReadingsApiTests.ToJson(snapshots);
        var response = await device.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"), Cancel);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Cancel)}");
    }

    public static async Task<T> GetAsync<T>(HttpClient client, string path)
    {
        var response = await client.GetAsync(path, Cancel);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Cancel)}");
        return (await response.Content.ReadFromJsonAsync<T>(Cancel))!;
    }

    public static Task<ConsumptionResponse> ConsumptionAsync(HttpClient client, string meterId, string from, string to, string interval, string? version = null) =>
        GetAsync<ConsumptionResponse>(client,
            $"/api/v1/meters/{meterId}/consumption?from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}&interval={interval}" +
            (version is null ? "" : $"&version={version}"));

    public static string Day(LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
}
