using System.Net;
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
/// What an attacker types: injection and script payloads in every string field and query
/// parameter of every operation in the OpenAPI document, path tricks in every id, oversized
/// and malformed bodies, wrong content types. Every one is answered 4xx with a problem
/// document, never 500, and stores nothing.
/// </summary>
public abstract class HostileInputTests(StorageBackend storage)
{
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

    private const string LoneSurrogate = "LONE-SURROGATE";

    private static readonly string[] BusinessTables =
        ["organisations", "users", "user_meters", "meters", "premises", "user_premises", "api_keys", "readings", "reading_conflicts"];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private int _fresh;

    /// <summary>A valid body for each known operation, with fresh ids each time; an unknown one starts from {}.</summary>
    private JsonObject ValidBody(string operation, GridMeterApp app)
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
            "POST /api/v1/apikeys" => new() { ["name"] = "billing export", ["organisationId"] = "acme", ["expiresAt"] = app.Clock.GetUtcNow().AddDays(1).ToString("O") },
            "POST /api/v1/meters" => new()
            {
                ["id"] = $"M{n}", ["timeZone"] = "Europe/Rome", ["supplierId"] = "acme", ["networkOperatorId"] = "grid", ["name"] = "Kitchen", ["model"] = "SDM120",
            },
            _ => [],
        };
    }

    /// <summary>A valid query for each known operation; the payload then replaces one parameter.</summary>
    private static readonly Dictionary<string, string> ValidQueries = new()
    {
        ["GET /api/v1/meters/{id}/consumption"] = "from=2026-11-01&to=2026-11-02&interval=day&obis=1-0:1.8.0",
        ["GET /api/v1/audit"] = "actor=user:admin&action=meter.created&target=meter:MTR-1&from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z&before=1000&limit=10",
        ["GET /api/v1/users"] = "role=consumer&offset=0&limit=10",
        ["GET /api/v1/apikeys"] = "organisationId=acme&offset=0&limit=10",
        ["GET /account/login"] = "returnUrl=/meters",
    };

    [Fact]
    public async Task Injection_and_script_payloads_in_every_string_field_are_refused_and_store_nothing()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        var (admin, device) = await SetUpAsync(app);
        var failures = new List<string>();
        var cases = 0;

        foreach (var operation in await OperationsAsync(admin))
        {
            // Passwords may hold any character and are only ever hashed: see the test below.
            foreach (var (field, isArray, _) in operation.StringFields.Where(f => !f.Name.Contains("password", StringComparison.OrdinalIgnoreCase)))
            {
                var client = ClientFor(operation, admin, device);
                var before = await CountRowsAsync(app);
                foreach (var payload in Payloads)
                {
                    cases++;
                    var body = ValidBody(operation.Name, app);
                    body[field] = isArray ? new JsonArray(payload) : payload;
                    var response = await client.SendAsync(Request(operation.Method, Fill(operation.Path), body.ToJsonString(), "application/json"), Cancel);
                    await ExpectRefusalAsync(response, $"{operation} with {field} = {Show(payload)}", failures);
                }
                if (await CountRowsAsync(app) != before)
                {
                    failures.Add($"{operation}: a payload in {field} stored something");
                }
            }
        }

        Assert.True(cases > 100, $"only {cases} cases: the OpenAPI document lost its request bodies?");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases} cases:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task The_valid_bodies_those_payloads_start_from_are_accepted()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        var (admin, device) = await SetUpAsync(app);

        foreach (var operation in (await OperationsAsync(admin)).Where(o => ValidBody(o.Name, app).Count > 0 && o.Name != "POST /api/v1/auth/token"))
        {
            var response = await ClientFor(operation, admin, device).SendAsync(
                Request(operation.Method, Fill(operation.Path), ValidBody(operation.Name, app).ToJsonString(), "application/json"), Cancel);
            Assert.True(response.IsSuccessStatusCode, $"{operation}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Cancel)}");
        }
    }

    [Fact]
    public async Task Injection_payloads_in_every_query_parameter_are_refused()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        var (admin, device) = await SetUpAsync(app);
        var failures = new List<string>();
        var cases = 0;

        foreach (var operation in (await OperationsAsync(admin)).Where(o => o.Query.Count > 0))
        {
            var valid = ValidQueries.GetValueOrDefault(operation.Name, "");
            var ok = await ClientFor(operation, admin, device).SendAsync(Request(operation.Method, $"{Fill(operation.Path)}?{valid}", null, null), Cancel);
            Assert.True(ok.IsSuccessStatusCode, $"{operation}?{valid}: {(int)ok.StatusCode} {await ok.Content.ReadAsStringAsync(Cancel)}");
            foreach (var parameter in operation.Query)
            {
                foreach (var payload in Payloads.Where(p => p.Length < 10_000))
                {
                    cases++;
                    var query = string.Join("&", valid.Split('&', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith(parameter + "=", StringComparison.Ordinal))
                        .Append($"{parameter}={Uri.EscapeDataString(payload)}"));
                    var response = await ClientFor(operation, admin, device).SendAsync(Request(operation.Method, $"{Fill(operation.Path)}?{query}", null, null), Cancel);
                    await ExpectRefusalAsync(response, $"{operation} with ?{parameter}={Show(payload)}", failures);
                }
            }
        }

        Assert.True(cases > 100, $"only {cases} cases");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases} cases:\n" + string.Join("\n", failures));
    }

    [Theory]
    [InlineData("..")]
    [InlineData("../../etc/passwd")]
    [InlineData("..%2F..%2Fetc%2Fpasswd")]
    [InlineData("%2e%2e")]
    [InlineData("MTR-1/../MTR-2")]
    [InlineData("MTR-1'--")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("\u041CTR-1")]
    [InlineData(" MTR-1")]
    [InlineData("MTR-1%00")]
    public async Task Path_tricks_in_ids_answer_4xx_problem_documents(string id)
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        var (admin, device) = await SetUpAsync(app);
        var failures = new List<string>();
        var before = await CountRowsAsync(app);

        foreach (var operation in (await OperationsAsync(admin)).Where(o => o.Path.Contains('{', StringComparison.Ordinal)))
        {
            var path = AccessMatrixTests.Fill(operation.Path, _ => id);
            var body = operation.BodyType is null ? null : "{}";
            foreach (var client in new[] { admin, device })
            {
                var response = await client.SendAsync(Request(operation.Method, path, body, operation.BodyType), Cancel);
                await ExpectRefusalAsync(response, $"{operation.Method} {path}", failures);
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, await CountRowsAsync(app));
    }

    [Fact]
    public async Task Oversized_bodies_are_refused_with_413_whether_or_not_their_length_is_announced()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        var (admin, device) = await SetUpAsync(app);
        var failures = new List<string>();
        var big = "{\"name\":\"" + new string('A', 2 * 1024 * 1024) + "\"}";

        foreach (var operation in (await OperationsAsync(admin)).Where(o => o.BodyType == "application/json"))
        {
            foreach (var announced in new[] { true, false })
            {
                var request = Request(operation.Method, Fill(operation.Path), null, null);
                request.Content = announced
                    ? new StringContent(big, Encoding.UTF8, "application/json")
                    : new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big))) { Headers = { { "Content-Type", "application/json" } } };
                var response = await ClientFor(operation, admin, device).SendAsync(request, Cancel);
                await ExpectRefusalAsync(response, $"{operation} with {(announced ? "" : "un")}announced 2 MiB", failures, 413);
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task Bodies_in_the_wrong_content_type_are_refused_with_415(string? contentType)
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        var (admin, device) = await SetUpAsync(app);
        var failures = new List<string>();
        var before = await CountRowsAsync(app);

        foreach (var operation in (await OperationsAsync(admin)).Where(o => o.BodyType == "application/json"))
        {
            var response = await ClientFor(operation, admin, device).SendAsync(
                Request(operation.Method, Fill(operation.Path), ValidBody(operation.Name, app).ToJsonString(), contentType), Cancel);
            await ExpectRefusalAsync(response, $"{operation} as {contentType ?? "no content type"}", failures, 415);
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, await CountRowsAsync(app));
    }

    [Theory]
    [InlineData("{\"id\":")]
    [InlineData("[1,2,3]")]
    [InlineData("\"just a string\"")]
    [InlineData("not json")]
    public async Task Malformed_json_is_refused_with_400(string json)
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        var (admin, device) = await SetUpAsync(app);
        var failures = new List<string>();
        var before = await CountRowsAsync(app);

        foreach (var operation in (await OperationsAsync(admin)).Where(o => o.BodyType == "application/json"))
        {
            var response = await ClientFor(operation, admin, device).SendAsync(Request(operation.Method, Fill(operation.Path), json, "application/json"), Cancel);
            await ExpectRefusalAsync(response, $"{operation} with {json}", failures);
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, await CountRowsAsync(app));
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_in_any_field_is_refused_with_400()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        var (admin, device) = await SetUpAsync(app);
        var failures = new List<string>();
        var before = await CountRowsAsync(app);

        foreach (var operation in await OperationsAsync(admin))
        {
            foreach (var (field, isArray, _) in operation.StringFields.Where(f => !f.IsNumber))
            {
                JsonNode?[] wrong = isArray ? ["MTR-1", 42, new JsonArray(new JsonObject())] : [42, true, new JsonArray(), new JsonObject(), LoneSurrogate];
                foreach (var value in wrong)
                {
                    var body = ValidBody(operation.Name, app);
                    body[field] = value?.DeepClone();
                    // A writer never produces a lone surrogate, so it goes into the text afterwards.
                    var json = body.ToJsonString().Replace($"\"{LoneSurrogate}\"", "\"\\uD800\"", StringComparison.Ordinal);
                    var response = await ClientFor(operation, admin, device).SendAsync(
                        Request(operation.Method, Fill(operation.Path), json, "application/json"), Cancel);
                    await ExpectRefusalAsync(response, $"{operation} with {field} = {value?.ToJsonString()}", failures);
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, await CountRowsAsync(app));
    }

    [Fact]
    public async Task Deeply_nested_json_is_refused_without_exhausting_the_stack()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        var (admin, _) = await SetUpAsync(app);
        var nested = new string('[', 10_000) + new string(']', 10_000);

        var response = await admin.SendAsync(Request("POST", "/api/v1/organisations", $"{{\"id\":{nested}}}", "application/json"), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_password_may_hold_any_characters_and_is_stored_only_as_a_hash()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        var (admin, _) = await SetUpAsync(app);
        var passwords = Payloads.Where(p => p.Length is >= 10 and <= 1024).ToList();

        for (var i = 0; i < passwords.Count; i++)
        {
            await World.SendAsync(admin, "/api/v1/users", new { username = $"odd{i}", password = passwords[i], role = "consumer" });
        }

        await using var connection = await app.Services.GetRequiredService<IDatabase>().OpenAsync(Cancel);
        var stored = string.Join("\n", await connection.QueryAsync<string>("SELECT password_hash FROM users"));
        for (var i = 0; i < passwords.Count; i++)
        {
            Assert.DoesNotContain(passwords[i], stored, StringComparison.Ordinal);
            using var client = await app.ClientForAsync($"odd{i}", passwords[i]);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me", Cancel)).StatusCode);
        }
    }

    private static async Task ExpectRefusalAsync(HttpResponseMessage response, string label, List<string> failures, int? status = null)
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

    private static async Task<(HttpClient Admin, HttpClient Device)> SetUpAsync(GridMeterApp app)
    {
        var admin = await app.AdminAsync();
        await World.SendAsync(admin, "/api/v1/organisations", new { id = "acme", name = "ACME Energy", kind = "supplier" });
        await World.SendAsync(admin, "/api/v1/organisations", new { id = "grid", name = "Grid", kind = "networkOperator" });
        var meter = await World.SendAsync(admin, "/api/v1/meters", new { id = "MTR-1", timeZone = "Europe/Rome", supplierId = "acme", networkOperatorId = "grid" });
        await World.SendAsync(admin, "/api/v1/premises", new { id = "P-1", meterIds = new[] { "MTR-1" } });
        return (admin, app.DeviceClient("MTR-1", meter.GetProperty("deviceSecret").GetString()!));
    }

    private static async Task<IReadOnlyList<ApiOperation>> OperationsAsync(HttpClient client) =>
        ApiOperation.From(await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Cancel));

    private static HttpClient ClientFor(ApiOperation operation, HttpClient admin, HttpClient device) =>
        operation.Path.EndsWith("/readings", StringComparison.Ordinal) ? device : admin;

    private static string Fill(string path) => AccessMatrixTests.Fill(path, name => name == "id" ? "MTR-1" : throw new InvalidOperationException($"{path}: no value for {name}"));

    private static HttpRequestMessage Request(string method, string path, string? body, string? contentType)
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

    private static async Task<string> CountRowsAsync(GridMeterApp app)
    {
        await using var connection = await app.Services.GetRequiredService<IDatabase>().OpenAsync(Cancel);
        var counts = new List<string>();
        foreach (var table in BusinessTables)
        {
            counts.Add($"{table}={await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}")}");
        }
        return string.Join(" ", counts);
    }

    private static string Show(string text) => JsonSerializer.Serialize(text.Length > 80 ? text[..80] + "…" : text);
}

public sealed class SqliteHostileInputTests() : HostileInputTests(StorageBackend.Sqlite);

public sealed class PostgresHostileInputTests() : HostileInputTests(StorageBackend.Postgres);
