using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
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
        ["organisations", "users", "user_meters", "meters", "premises", "user_premises", "api_keys", "readings", "reading_conflicts"];

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
            "id" when path.StartsWith("/api/v1/firmware/", StringComparison.Ordinal) => ImageId,
            "id" when path.StartsWith("/api/v1/rollouts/", StringComparison.Ordinal) => "ro-0000000000000000",
            "imageId" => ImageId,
            "state" => "scheduled",
            "id" => "MTR-1",
            "applianceId" => "fridge",
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
