using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.Json;
using System.Text;
using Dapper;
using GridMeter.Server.Storage;
using GridMeter.Server.Tests.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace GridMeter.Server.Tests.Security;

/// <summary>
/// A small server to attack: an admin, a device, a supplier, a network operator, a meter at
/// premises; the operations of its OpenAPI document with a valid body and query for each known
/// one; and a count of every business row, to show a refused request stored nothing.
/// </summary>
public sealed class HostileTarget
{
    /// <summary>Injection and script payloads, control characters, and text far too long.</summary>
    public static readonly string[] Payloads =
    [
        "' OR '1'='1",
        "'; DROP TABLE users; --",
        "admin'--",
        "1; SELECT pg_sleep(5)",
        "Robert'); DROP TABLE Students;--",
        "\" OR \"\"=\"",
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "${7*7}{{7*7}}",
        "\0",
        "MTR-1\0",
        "\u202Egnp.exe",
        "line\r\nSet-Cookie: x=1",
        new string('A', 100_000),
    ];

    public const string LoneSurrogate = "LONE-SURROGATE";

    private static readonly string[] BusinessTables =
        ["organisations", "users", "user_meters", "meters", "premises", "user_premises", "api_keys", "readings", "reading_conflicts", "commands", "outages",
         "alert_settings", "alert_preferences", "alert_thresholds", "alert_supplier_defaults", "reports", "report_schedules"];

    private int _fresh;

    private HostileTarget(GridMeterApp app, HttpClient admin, HttpClient device, IReadOnlyList<ApiOperation> operations) =>
        (App, Admin, Device, Operations) = (app, admin, device, operations);

    public GridMeterApp App { get; }

    public HttpClient Admin { get; }

    public HttpClient Device { get; }

    public IReadOnlyList<ApiOperation> Operations { get; }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static async Task<HostileTarget> CreateAsync(GridMeterApp app)
    {
        var admin = await app.AdminAsync();
        await World.SendAsync(admin, "/api/v1/organisations", new { id = "acme", name = "ACME Energy", kind = "supplier" });
        await World.SendAsync(admin, "/api/v1/organisations", new { id = "grid", name = "Grid", kind = "networkOperator" });
        var meter = await World.SendAsync(admin, "/api/v1/meters", new { id = "MTR-1", timeZone = "Europe/Rome", supplierId = "acme", networkOperatorId = "grid" });
        await World.SendAsync(admin, "/api/v1/premises", new { id = "P-1", meterIds = new[] { "MTR-1" } });
        await World.SendAsync(admin, "/api/v1/grid/nodes", new { id = "B-1", kind = "building", name = "Block A", mainMeterId = "MTR-1" });
        await World.SendAsync(admin, "/api/v1/meters/MTR-1/appliances", new { id = "fridge", name = "Fridge", type = "fridge", ratedPowerW = 150 });
        await World.SendAsync(admin, "/api/v1/tariffs", new
        {
            id = "T-1", name = "Flat", supplierId = "acme",
            tariff = new { currency = "EUR", validFrom = "2026-10-01", vatPercent = 10, energy = new[] { new { name = "energy", price = 0.25m } } },
        });
        (await admin.PutAsJsonAsync("/api/v1/meters/MTR-1/tariff", new { tariffId = "T-1", validFrom = "2026-10-01" }, Cancel)).EnsureSuccessStatusCode();
        await Firmware.TestVendor.PublishAsync(admin, "GM-200", "1.0.0");
        var operations = ApiOperation.From(await admin.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Cancel));
        return new HostileTarget(app, admin, app.DeviceClient("MTR-1", meter.GetProperty("deviceSecret").GetString()!), operations);
    }

    /// <summary>A valid body for each known operation, with fresh ids each time; an unknown one starts from {}.</summary>
    public JsonObject ValidBody(string operation)
    {
        var n = Interlocked.Increment(ref _fresh);
        return operation switch
        {
            "POST /api/v1/auth/token" => new() { ["username"] = "admin", ["password"] = GridMeterApp.AdminPassword },
            "PUT /api/v1/me/profile" => new() { ["email"] = "ops@example.org", ["mobile"] = "+393471234567" },
            "POST /api/v1/users" => new()
            {
                ["username"] = $"user{n}", ["password"] = "long enough password", ["role"] = "consumer",
                ["meterIds"] = new JsonArray("MTR-1"), ["premisesIds"] = new JsonArray("P-1"), ["email"] = $"user{n}@example.org", ["mobile"] = "+393471234567",
            },
            "POST /api/v1/organisations" => new() { ["id"] = $"org{n}", ["name"] = "Energia O’Brien & Figli (Milano)", ["kind"] = "supplier" },
            "POST /api/v1/premises" => new() { ["id"] = $"P{n}", ["name"] = "Flat 3", ["address"] = "Via Roma 1, 20121 Milano", ["meterIds"] = new JsonArray("MTR-1") },
            "POST /api/v1/apikeys" => new() { ["name"] = "billing export", ["organisationId"] = "acme", ["expiresAt"] = App.Clock.GetUtcNow().AddDays(1).ToString("O") },
            "POST /api/v1/meters" => new()
            {
                ["id"] = $"M{n}", ["timeZone"] = "Europe/Rome", ["supplierId"] = "acme", ["networkOperatorId"] = "grid", ["name"] = "Kitchen", ["model"] = "SDM120",
            },
            "POST /api/v1/broker/authenticate" => new() { ["clientid"] = "MTR-1", ["username"] = "MTR-1", ["password"] = "not-the-secret" },
            "POST /api/v1/broker/authorize" => new() { ["clientid"] = "MTR-1", ["username"] = "MTR-1", ["topic"] = "meters/MTR-1/readings", ["action"] = "publish" },
            "POST /api/v1/meters/{id}/commands" => new() { ["command"] = "read_registers", ["parameters"] = new JsonObject(), ["reason"] = "monthly check" },
            "PUT /api/v1/me/alert-settings" => new()
            {
                ["timeZone"] = "Europe/Rome", ["quietHours"] = new JsonObject { ["from"] = "22:00", ["to"] = "07:00" },
                ["webhookUrl"] = "https://hooks.example.org/gridmeter", ["webhookSecret"] = "a-long-enough-webhook-secret",
                ["preferences"] = new JsonArray(new JsonObject { ["type"] = "daily_threshold", ["channel"] = "sms", ["enabled"] = true }),
                ["thresholds"] = new JsonArray(new JsonObject { ["meterId"] = "MTR-1", ["dailyKwh"] = 12.5 }),
            },
            "PUT /api/v1/organisations/{id}/alert-defaults" => new() { ["dailyKwh"] = 20, ["offlineMinutes"] = 60, ["lowBalance"] = 5, ["applianceIdleHours"] = 24 },
            "POST /api/v1/reports" => new() { ["meterId"] = "MTR-1", ["kind"] = "summary", ["period"] = "week", ["from"] = "2026-11-16" },
            "POST /api/v1/report-schedules" => new()
            {
                ["meterId"] = "MTR-1", ["kind"] = "minmaxavg", ["period"] = "week", ["weekday"] = "monday", ["time"] = "07:00", ["timeZone"] = "Europe/Rome",
            },
            "POST /api/v1/tariffs" => new()
            {
                ["id"] = $"T{n}", ["name"] = "Heat pump night rate", ["supplierId"] = "acme",
                ["tariff"] = new JsonObject { ["currency"] = "EUR", ["validFrom"] = "2026-12-01", ["energy"] = new JsonArray(new JsonObject { ["name"] = "night", ["price"] = 0.2 }) },
            },
            "PUT /api/v1/tariffs/{id}" => new()
            {
                ["name"] = "Flat", ["tariff"] = new JsonObject { ["currency"] = "EUR", ["validFrom"] = "2026-10-01", ["energy"] = new JsonArray(new JsonObject { ["name"] = "energy", ["price"] = 0.25 }) },
            },
            "PUT /api/v1/meters/{id}/tariff" => new() { ["tariffId"] = "T-1", ["validFrom"] = $"2027-{1 + (n % 12):00}-01" },
            "POST /api/v1/bill-runs" => new() { ["supplierId"] = "acme", ["month"] = "2026-10" },
            "POST /api/v1/webhooks" => new()
            {
                ["url"] = "https://hooks.example.org/gridmeter", ["eventTypes"] = new JsonArray("readings.committed"), ["organisationId"] = "acme",
                ["secret"] = "a-long-enough-signing-secret",
            },
            "POST /api/v1/oauth/clients" => new() { ["name"] = "Solar Advisor", ["redirectUri"] = "https://app.example.org/callback" },
            "POST /api/v1/rollouts" => new()
            {
                ["imageId"] = ImageId, ["name"] = "Spring update", ["target"] = new JsonObject { ["meterIds"] = new JsonArray("MTR-1") },
                ["waves"] = new JsonArray(10, 100), ["successThreshold"] = 90, ["errorThreshold"] = 20, ["window"] = "01:00-05:00",
            },
            _ => [],
        };
    }

    /// <summary>The firmware image uploaded for the target (the same bytes, so the same id, every time).</summary>
    public static readonly string ImageId = GridMeter.Server.Firmware.FirmwareImage.IdOf(
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Firmware.TestVendor.Image("GM-200", "1.0.0"))));

    /// <summary>A valid query for each known operation; the payload then replaces one parameter.</summary>
    public static readonly Dictionary<string, string> ValidQueries = new()
    {
        ["GET /api/v1/meters/{id}/consumption"] = "from=2026-11-01&to=2026-11-02&interval=day&obis=1-0:1.8.0",
        ["GET /api/v1/organisations/{id}/consumption"] = "from=2026-11-01&to=2026-11-02&interval=day",
        ["GET /api/v1/meters/{id}/consumption/summary"] = "from=2026-11-01&to=2026-11-02&interval=day",
        ["GET /api/v1/meters/{id}/appliances/{applianceId}/consumption"] = "from=2026-11-01&to=2026-11-02&interval=day",
        ["GET /api/v1/grid/nodes/{id}/consumption"] = "from=2026-11-01&to=2026-11-02&interval=day",
        ["GET /api/v1/grid/nodes/{id}/balance"] = "from=2026-11-01&to=2026-11-02&interval=day",
        ["GET /api/v1/audit"] = "actor=user:admin&action=meter.created&target=meter:MTR-1&from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z&before=1000&limit=10",
        ["GET /api/v1/users"] = "role=consumer&offset=0&limit=10",
        ["GET /api/v1/apikeys"] = "organisationId=acme&offset=0&limit=10",
        ["GET /account/login"] = "returnUrl=/meters",
        ["GET /api/v1/organisations/{id}/clusters"] = "season=winter&dayType=workday",
        ["GET /api/v1/meters/{id}/cluster"] = "season=winter&dayType=weekend",
        ["GET /api/v1/meters/{id}/faults"] = "from=2026-11-01&to=2026-12-01&limit=10",
        ["GET /api/v1/organisations/{id}/faults"] = "from=2026-11-01&to=2026-12-01&limit=10",
        ["GET /api/v1/organisations/{id}/load-forecast"] = "timeZone=Europe/Rome",
        ["GET /api/v1/meters/{id}/forecast"] = "periodStart=2026-11-01&periodEnd=2026-12-01&pricePerKwh=0.25",
        ["GET /api/v1/meters/{id}/imbalance-advice"] = "scheduleKwh=1.5",
        ["GET /api/v1/meters/{id}/commands"] = "status=pending&limit=10",
        ["GET /api/v1/outages"] = "status=open&from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z&limit=10",
        ["GET /api/v1/device-health"] = "offlineForHours=24&firmware=1.0.0&maxRssi=-50&online=true&relay=closed&offset=0&limit=10",
        ["GET /api/v1/outages/reliability"] = "from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z",
        ["GET /api/v1/alerts"] = "limit=10",
        ["GET /api/v1/meters/{id}/cost"] = "from=2026-11-01&to=2026-11-02",
        ["GET /api/v1/bills"] = "meterId=MTR-1&limit=10",
        ["GET /api/v1/tariffs"] = "supplierId=acme",
        ["GET /api/v1/tariff-requests"] = "status=pending",
        ["GET /api/v1/meters/{id}/greenbutton"] = "from=2026-11-01&to=2026-11-02",
        ["GET /api/v1/me/greenbutton"] = "from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z",
        ["GET /api/v1/espi/greenbutton"] = "from=2026-11-01&to=2026-11-02",
        ["GET /api/v1/exports/consumption.csv"] = "scope=meter:MTR-1&from=2026-11-01&to=2026-11-02&interval=day",
        ["GET /api/v1/exports/events.csv"] = "scope=node:B-1&from=2026-11-01&to=2026-11-02",
        ["GET /api/v1/streams"] = "path=networks/*/buildings/B-1/meters/MTR-*/1-0:1.8.0",
        ["GET /api/v1/streams/points"] = "path=meters/MTR-1/appliances/*/power&from=2026-11-01&to=2026-11-02&rollup=hour&method=max&timeZone=Europe/Rome",
    };

    /// <summary>Device ingest is sent as the device, everything else as the admin, who may call the most.</summary>
    public HttpClient ClientFor(ApiOperation operation) => operation.Path.EndsWith("/readings", StringComparison.Ordinal) ? Device : Admin;

    public Task<HttpResponseMessage> SendAsync(ApiOperation operation, string path, string? body, string? contentType) =>
        ClientFor(operation).SendAsync(Request(operation.Method, path, body, contentType), Cancel);

    public static string Fill(string path) =>
        AccessMatrixTests.Fill(path, name => name switch
        {
            "id" when path.StartsWith("/api/v1/organisations/", StringComparison.Ordinal) => "acme",
            "id" when path.StartsWith("/api/v1/grid/nodes/", StringComparison.Ordinal) => "B-1",
            "id" when path.StartsWith("/api/v1/reports/", StringComparison.Ordinal) => "rp_000000000000000000000000",
            "id" when path.StartsWith("/api/v1/report-schedules/", StringComparison.Ordinal) => "rs_000000000000000000000000",
            "id" when path.StartsWith("/api/v1/tariffs/", StringComparison.Ordinal) => "T-1",
            "id" when path.StartsWith("/api/v1/bills/", StringComparison.Ordinal) => "B-none",
            "id" when path.StartsWith("/api/v1/bill-runs/", StringComparison.Ordinal) => "R-none",
            "id" when path.StartsWith("/api/v1/tariff-requests/", StringComparison.Ordinal) => "TR-none",
            "id" when path.StartsWith("/api/v1/firmware/", StringComparison.Ordinal) => ImageId,
            "id" when path.StartsWith("/api/v1/rollouts/", StringComparison.Ordinal) => "ro-0000000000000000",
            "imageId" => ImageId,
            "state" => "scheduled",
            "id" => "MTR-1",
            "applianceId" => "fridge",
            "service" => "TimeService",
            _ => throw new InvalidOperationException($"{path}: no value for {name}"),
        });

    public static HttpRequestMessage Request(string method, string path, string? body, string? contentType)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }
        return request;
    }

    /// <summary>The number of rows in every table that holds business data, as one comparable string.</summary>
    public async Task<string> CountRowsAsync()
    {
        await using var connection = await App.Services.GetRequiredService<IDatabase>().OpenAsync(Cancel);
        var counts = new List<string>();
        foreach (var table in BusinessTables)
        {
            counts.Add($"{table}={await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}")}");
        }
        return string.Join(" ", counts);
    }

    /// <summary>Records a failure unless the answer is a 4xx (or exactly <paramref name="status"/>) problem document.</summary>
    public static async Task ExpectRefusalAsync(HttpResponseMessage response, string label, List<string> failures, int? status = null)
    {
        var code = (int)response.StatusCode;
        if (code is < 400 or >= 500 || (status is not null && code != status))
        {
            failures.Add($"{label}: {code} {Show(await response.Content.ReadAsStringAsync(Cancel))}");
        }
        else if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            failures.Add($"{label}: {code} without a problem document");
        }
    }

    public static string Show(string text) => JsonSerializer.Serialize(text.Length > 80 ? text[..80] + "…" : text);
}
