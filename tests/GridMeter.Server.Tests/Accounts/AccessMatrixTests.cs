using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text;
using GridMeter.Server.Auth;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GridMeter.Server.Tests.Accounts;

/// <summary>
/// Every registered endpoint × every kind of caller × their own and someone else's resource.
/// The endpoints come from the running server (EndpointDataSource), so a new endpoint is in the
/// matrix the moment it is mapped, and one without an access rule fails it.
/// </summary>
public abstract partial class AccessMatrixTests(StorageBackend storage)
{
    /// <summary>What the known endpoints declare; changing one of these is a decision, not an accident.</summary>
    private static readonly Dictionary<string, string> DeclaredRules = new()
    {
        ["GET /health"] = "anyone",
        ["GET /openapi/{documentName}.json"] = "anyone",
        ["POST /api/v1/auth/token"] = "anyone",
        ["DELETE /api/v1/auth/token"] = "own account: consumer, supplier, operator, admin",
        ["GET /account/login"] = "anyone",
        ["POST /account/login"] = "anyone",
        ["POST /account/logout"] = "anyone",
        ["GET /api/v1/me/"] = "own account: consumer, supplier, operator, admin",
        ["PUT /api/v1/me/profile"] = "own account: consumer, supplier, operator, admin",
        ["POST /api/v1/me/password"] = "own account: consumer, supplier, operator, admin",
        ["POST /api/v1/users/"] = "change: admin, supplier",
        ["GET /api/v1/users/"] = "scoped: consumer, supplier, operator, admin",
        ["GET /api/v1/users/{id}"] = "user read: consumer, supplier, operator, admin",
        ["POST /api/v1/organisations/"] = "admin: admin",
        ["GET /api/v1/organisations/"] = "scoped: consumer, supplier, operator, admin",
        ["GET /api/v1/organisations/{id}"] = "organisation read: consumer, supplier, operator, admin",
        ["POST /api/v1/premises/"] = "change: admin, supplier",
        ["GET /api/v1/premises/"] = "scoped: consumer, supplier, operator, admin",
        ["GET /api/v1/premises/{id}"] = "premises read: consumer, supplier, operator, admin",
        ["POST /api/v1/apikeys/"] = "admin: admin",
        ["GET /api/v1/apikeys/"] = "admin: admin",
        ["DELETE /api/v1/apikeys/{id}"] = "apikey change: admin",
        ["GET /api/v1/audit"] = "admin: admin",
        ["POST /api/v1/meters/"] = "change: admin, supplier",
        ["GET /api/v1/meters/"] = "scoped: consumer, supplier, operator, admin",
        ["GET /api/v1/meters/{id}"] = "meter read: consumer, supplier, operator, admin",
        ["POST /api/v1/meters/{id}/readings"] = "device (own meter)",
        ["POST /api/v1/broker/authenticate"] = "anyone",
        ["POST /api/v1/broker/authorize"] = "anyone",
        ["GET /api/v1/meters/{id}/consumption"] = "meter read: consumer, supplier, operator, admin",
        ["GET /api/v1/organisations/{id}/clusters"] = "organisation read: supplier, admin",
        ["GET /api/v1/meters/{id}/cluster"] = "meter read: supplier, admin",
        ["GET /api/v1/meters/{id}/faults"] = "meter read: consumer, supplier, operator, admin",
        ["GET /api/v1/meters/{id}/imbalance-advice"] = "meter read: consumer, supplier, operator, admin",
        ["GET /"] = "anyone",
        ["GET /portal/"] = "scoped: consumer, supplier, operator, admin",
        ["GET /portal/meters"] = "scoped: consumer, supplier, operator, admin",
        ["GET /portal/meters/{id}"] = "meter read: consumer, supplier, operator, admin",
        ["GET /portal/network"] = "scoped: consumer, supplier, operator, admin",
        ["GET /portal/network/{id}"] = "grid node read: consumer, supplier, operator, admin",
        ["GET /portal/profile"] = "own account: consumer, supplier, operator, admin",
        ["POST /portal/profile"] = "own account: consumer, supplier, operator, admin",
        ["GET /portal/admin/organisations"] = "admin: admin",
        ["POST /portal/admin/organisations"] = "admin: admin",
        ["GET /portal/admin/users"] = "admin: admin",
        ["GET /portal/admin/quarantine"] = "admin: admin",
        ["GET /portal/admin/audit"] = "admin: admin",
        ["GET /portal/meters/{id}/account"] = "meter read: consumer, supplier, admin",
        ["POST /portal/meters/{id}/threshold"] = "meter change: consumer",
        ["POST /portal/meters/{id}/tariff-requests"] = "meter change: consumer, admin",
        ["POST /portal/meters/{id}/topups"] = "meter change: supplier, admin",
        ["GET /portal/alerts"] = "own account: consumer, supplier, operator, admin",
        ["GET /portal/notifications"] = "own account: consumer, supplier, operator, admin",
        ["POST /portal/notifications/settings"] = "own account: consumer, supplier, operator, admin",
        ["POST /portal/notifications/schedules"] = "own account: consumer, supplier, operator, admin",
        ["POST /portal/notifications/schedules/stop"] = "own account: consumer, supplier, operator, admin",
        ["GET /portal/requests"] = "scoped: supplier, admin",
        ["POST /portal/requests/{id}/decision"] = "tariff request change: supplier, admin",
        ["POST /portal/meters/{id}/supply"] = "meter change: supplier, admin",
        ["POST /portal/commands/{id}/approve"] = "command change: supplier, admin",
        ["GET /portal/bills"] = "scoped: supplier, admin",
        ["GET /portal/prepaid"] = "scoped: supplier, admin",
        ["GET /portal/firmware"] = "scoped: supplier, admin",
        ["GET /portal/outages"] = "scoped: operator, admin",
    };

    /// <summary>Route values that name no resource, and what to fill in.</summary>
    private static readonly Dictionary<string, string> OtherRouteValues = new()
    {
        ["documentName"] = "v1", ["applianceId"] = "fridge", ["service"] = "TimeService", ["imageId"] = World.FirmwareImageIds["ours"], ["state"] = "scheduled",
    };

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_endpoint_declares_an_access_rule()
    {
        await using var app = await GridMeterApp.StartAsync(storage);

        var undeclared = Endpoints(app).Where(e => e.Rule is null).Select(e => e.Name).ToList();

        Assert.True(undeclared.Count == 0, "Endpoints without .RequireAccess(...): " + string.Join(", ", undeclared));
    }

    [Fact]
    public async Task Known_endpoints_keep_the_access_they_were_given()
    {
        await using var app = await GridMeterApp.StartAsync(storage);

        var declared = Endpoints(app).Where(e => DeclaredRules.ContainsKey(e.Name)).ToDictionary(e => e.Name, e => e.Rule?.ToString());

        Assert.Equal(DeclaredRules.OrderBy(r => r.Key), declared.OrderBy(r => r.Key)!);
    }

    [Fact]
    public async Task Every_caller_gets_exactly_what_each_endpoint_allows_on_its_own_and_someone_elses_resources()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        var world = await World.CreateAsync(app);
        var failures = new List<string>();
        var cases = 0;

        // Logging out with a token ends it, so that endpoint goes last.
        foreach (var endpoint in Endpoints(app).OrderBy(e => e.Name == "DELETE /api/v1/auth/token"))
        {
            Assert.NotNull(endpoint.Rule);
            foreach (var caller in world.Callers.OrderBy(c => c.Role == "admin"))
            {
                foreach (var own in endpoint.Rule.Resource is null && endpoint.Rule.Audience != Audience.Device ? [true] : new[] { true, false })
                {
                    cases++;
                    var failure = await CheckAsync(world, endpoint, caller, own);
                    if (failure is not null)
                    {
                        failures.Add(failure);
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {cases} cases failed:\n" + string.Join("\n", failures));
    }

    private static async Task<string?> CheckAsync(World world, MappedEndpoint endpoint, WorldCaller caller, bool own)
    {
        var rule = endpoint.Rule!;
        var path = Fill(endpoint.Pattern, name => name == rule.RouteValue && (rule.Resource is not null || rule.Audience == Audience.Device)
            ? world.ResourceId(rule.Resource?.Name ?? "meter", caller, own)
            : OtherRouteValues.GetValueOrDefault(name) ?? throw new InvalidOperationException($"No value for route value '{name}' of {endpoint.Name}"));
        var response = await SendAsync(caller.Client, endpoint.Method, path);
        var status = (int)response.StatusCode;
        // A live stream never ends: its status and headers are the answer.
        var body = response.Content.Headers.ContentType?.MediaType == "text/event-stream" ? "" : await response.Content.ReadAsStringAsync(Cancel);
        response.Dispose();
        var expected = Expect(rule, caller, own, endpoint.Pattern);
        var label = $"{endpoint.Method} {path} as {caller} ({(own ? "own" : "someone else's")}): expected {expected}, got {status}";

        if (status >= 500)
        {
            return $"{label} {body}";
        }
        if (expected == Expected.LoginForm)
        {
            // The client follows redirects: a portal page sends a browser without a session to the login form.
            return response.RequestMessage?.RequestUri?.AbsolutePath == "/account/login" && status == 200 ? null : $"{label} (not the login form) {body}";
        }
        if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"{label} without a problem document";
        }
        var outcome = expected switch
        {
            // Logging in may well answer 401 to a wrong password; that is the endpoint's own answer.
            Expected.Allowed when rule.Audience == Audience.Anyone => status is not (403 or 404) ? null : $"{label} {body}",
            Expected.Allowed => status is not (401 or 403 or 404) ? null : $"{label} {body}",
            Expected.Hidden => status == 404 ? await SameAsUnknownAsync(caller, endpoint, path, rule, body) : label,
            _ => status == (int)expected ? null : $"{label} {body}",
        };
        if (outcome is null && status < 300 && caller.Role != "admin" && body.Contains("theirs", StringComparison.OrdinalIgnoreCase))
        {
            return $"{endpoint.Method} {path} as {caller} shows someone else's data: {body}";
        }
        return outcome;
    }

    /// <summary>A hidden resource must answer exactly like one that does not exist.</summary>
    private static async Task<string?> SameAsUnknownAsync(WorldCaller caller, MappedEndpoint endpoint, string path, AccessRule rule, string hiddenBody)
    {
        var unknownPath = Fill(endpoint.Pattern, name => name == rule.RouteValue ? "nothing-here" : OtherRouteValues[name]);
        var unknown = await SendAsync(caller.Client, endpoint.Method, unknownPath);
        var unknownBody = await unknown.Content.ReadAsStringAsync(Cancel);
        return unknown.StatusCode == HttpStatusCode.NotFound && Normalise(unknownBody, unknownPath) == Normalise(hiddenBody, path)
            ? null
            : $"{endpoint.Method} {path} as {caller}: hidden answers {hiddenBody}, unknown answers {(int)unknown.StatusCode} {unknownBody}";
    }

    private static string Normalise(string problem, string path)
    {
        var json = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(problem)!;
        json.Remove("traceId");
        Assert.Equal(path.Split('?')[0], json["instance"].GetString());
        json.Remove("instance");
        return JsonSerializer.Serialize(json.OrderBy(p => p.Key));
    }

    private enum Expected
    {
        Allowed = 200,
        Unauthenticated = 401,
        Forbidden = 403,
        Hidden = 404,
        LoginForm = 302,
    }

    private static Expected Expect(AccessRule rule, WorldCaller caller, bool own, string pattern) => rule.Audience switch
    {
        Audience.Anyone => Expected.Allowed,
        Audience.Device => !caller.IsDevice ? Expected.Unauthenticated : own ? Expected.Allowed : Expected.Forbidden,
        _ when caller.Role is null && !caller.IsDevice && pattern.StartsWith("/portal", StringComparison.Ordinal) => Expected.LoginForm,
        _ when caller.Role is null => Expected.Unauthenticated,
        _ when !rule.Roles.Contains(caller.Role) => Expected.Forbidden,
        _ when rule.OwnAccount && caller.IsKey => Expected.Forbidden,
        _ when rule.Changes && caller.Role == Roles.Operator => Expected.Forbidden,
        _ when rule.Resource is not null && !own && caller.Role != Roles.Admin => Expected.Hidden,
        _ => Expected.Allowed,
    };

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }
        return client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Cancel);
    }

    internal static string Fill(string pattern, Func<string, string> value) =>
        RouteValue().Replace(pattern, m => Uri.EscapeDataString(value(m.Groups[1].Value)));

    internal static IEnumerable<MappedEndpoint> Endpoints(GridMeterApp app) =>
        from endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
        from method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]
        let pattern = "/" + endpoint.RoutePattern.RawText!.TrimStart('/')
        select new MappedEndpoint($"{method} {pattern}", method, pattern, endpoint.Metadata.GetMetadata<AccessRule>());

    [GeneratedRegex(@"\{\*{0,2}([A-Za-z0-9_]+)(:[^}?]*)?\??\}")]
    private static partial Regex RouteValue();
}

public sealed record MappedEndpoint(string Name, string Method, string Pattern, AccessRule? Rule);

public sealed class SqliteAccessMatrixTests() : AccessMatrixTests(StorageBackend.Sqlite);

public sealed class PostgresAccessMatrixTests() : AccessMatrixTests(StorageBackend.Postgres);
