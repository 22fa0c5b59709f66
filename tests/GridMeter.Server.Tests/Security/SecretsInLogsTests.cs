using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GridMeter.Server.Tests.Accounts;
using GridMeter.Server.Tests.Readings;
using NodaTime;

namespace GridMeter.Server.Tests.Security;

/// <summary>Logs may be shipped anywhere, so no password, token, device secret, API key or cookie ever appears in one.</summary>
public sealed class SecretsInLogsTests
{
    private const string StaffPassword = "staff password 1234";
    private const string NewPassword = "a different staff password";
    private const string WrongPassword = "wrong-password-typed-by-hand";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Logging_in_failing_provisioning_ingesting_and_changing_passwords_write_no_secret_at_any_level()
    {
        var logs = new LogCapture();
        await using var app = await GridMeterApp.StartAsync(logs: logs);
        var secrets = new List<string> { GridMeterApp.AdminPassword, StaffPassword, NewPassword, WrongPassword };

        var admin = await LoginAsync(app, "admin", GridMeterApp.AdminPassword, secrets);
        await World.SendAsync(admin, "/api/v1/organisations", new { id = "acme", name = "ACME Energy", kind = "supplier" });
        await World.SendAsync(admin, "/api/v1/users", new { username = "sam", password = StaffPassword, role = "supplier", organisationId = "acme" });
        var staff = await LoginAsync(app, "sam", StaffPassword, secrets);

        var meter = await World.SendAsync(staff, "/api/v1/meters", new { id = "MTR-1", timeZone = "Europe/Rome" });
        var deviceSecret = meter.GetProperty("deviceSecret").GetString()!;
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"MTR-1:{deviceSecret}"));
        secrets.AddRange([deviceSecret, basic]);
        var readings = ReadingsApiTests.ToJson(ReadingsApiTests.DaySnapshots("Europe/Rome", new LocalDate(2026, 11, 20), 0)[..4]);
        (await app.DeviceClient("MTR-1", deviceSecret).PostAsync("/api/v1/meters/MTR-1/readings", Json(readings), Cancel)).EnsureSuccessStatusCode();
        await app.DeviceClient("MTR-1", WrongPassword).PostAsync("/api/v1/meters/MTR-1/readings", Json(readings), Cancel);
        await app.DeviceClient("MTR-1", deviceSecret).PostAsync("/api/v1/meters/MTR-1/readings", Json("{\"readings\":[{\"ts\":\"bad\"}]}"), Cancel);

        var key = (await World.SendAsync(admin, "/api/v1/apikeys", new { name = "export", organisationId = "acme" })).GetProperty("key").GetString()!;
        secrets.Add(key);
        using var integrator = app.CreateClient();
        integrator.DefaultRequestHeaders.Add("X-Api-Key", key);
        (await integrator.GetAsync("/api/v1/meters", Cancel)).EnsureSuccessStatusCode();
        using var forger = app.CreateClient();
        forger.DefaultRequestHeaders.Add("X-Api-Key", key + "x");
        forger.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", WrongPassword);
        await forger.GetAsync("/api/v1/meters", Cancel);

        for (var i = 0; i < 10; i++)
        {
            await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { username = "sam", password = WrongPassword }, Cancel);
        }
        app.Clock.Advance(TimeSpan.FromMinutes(15));
        using var browser = Portal.Browser(app);
        var antiforgery = await Portal.FormTokenAsync(browser);
        var login = await Portal.LogInAsync(browser, "sam", StaffPassword);
        secrets.Add(antiforgery);
        secrets.Add(login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("gridmeter.session=", StringComparison.Ordinal)).Split(';')[0]["gridmeter.session=".Length..]);
        var fresh = await LoginAsync(app, "sam", StaffPassword, secrets);
        (await fresh.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = StaffPassword, newPassword = NewPassword }, Cancel)).EnsureSuccessStatusCode();
        await LoginAsync(app, "sam", NewPassword, secrets);

        var entries = logs.Entries.ToList();
        Assert.Contains(entries, e => e.Contains("Locked user sam", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Contains("Quarantined a message from meter MTR-1", StringComparison.Ordinal));
        Assert.True(entries.Count > 100, $"only {entries.Count} log entries were captured");
        foreach (var secret in secrets.Distinct())
        {
            var leaks = entries.Where(e => e.Contains(secret, StringComparison.Ordinal)).ToList();
            Assert.True(leaks.Count == 0, $"a secret ({secret.Length} characters) is in the log:\n{string.Join("\n", leaks)}");
        }
    }

    private static async Task<HttpClient> LoginAsync(GridMeterApp app, string username, string password, List<string> secrets)
    {
        var client = app.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username, password }, Cancel);
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("accessToken").GetString()!;
        secrets.Add(token);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
