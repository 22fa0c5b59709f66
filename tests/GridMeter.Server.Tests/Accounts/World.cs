using System.Net.Http.Json;
using System.Text.Json;

namespace GridMeter.Server.Tests.Accounts;

/// <summary>
/// Two of everything, built through the API: "ours" — a supplier, a network operator, their
/// meter at premises with a consumer, their staff and API keys — and "theirs", which none of
/// ours may see. Everything of theirs has "theirs" in its name, so a leak shows in any answer.
/// </summary>
public sealed class World
{
    public const string Password = "correct horse battery";

    private World(GridMeterApp app) => App = app;

    public GridMeterApp App { get; }

    public Dictionary<string, string> DeviceSecrets { get; } = [];

    public Dictionary<string, string> ApiKeys { get; } = [];

    public Dictionary<string, string> ApiKeyIds { get; } = [];

    public Dictionary<string, string> CommandIds { get; } = [];

    /// <summary>A kept report and a report schedule of each role's person of ours (by role), and of theirs-consumer ("theirs").</summary>
    public Dictionary<string, string> Reports { get; } = [];

    public Dictionary<string, string> ReportSchedules { get; } = [];

    public Dictionary<string, string> WebhookIds { get; } = [];
    /// <summary>Firmware images of each side (deterministic ids: the same bytes each run) and a rollout of each.</summary>
    public static readonly Dictionary<string, string> FirmwareImageIds = new()
    {
        ["ours"] = GridMeter.Server.Firmware.FirmwareImage.IdOf(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Firmware.TestVendor.Image("GM-OURS", "1.0.0")))),
        ["theirs"] = GridMeter.Server.Firmware.FirmwareImage.IdOf(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Firmware.TestVendor.Image("GM-THEIRS", "1.0.0")))),
    };

    public Dictionary<string, string> RolloutIds { get; } = [];

    /// <summary>Everyone who may knock: anonymous, a device, each role, and API keys of a supplier and an operator.</summary>
    public List<WorldCaller> Callers { get; } = [];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static async Task<World> CreateAsync(GridMeterApp app)
    {
        var world = new World(app);
        using var admin = await app.AdminAsync();
        foreach (var (id, kind) in new[] { ("ours-supplier", "supplier"), ("ours-grid", "networkOperator"), ("theirs-supplier", "supplier"), ("theirs-grid", "networkOperator") })
        {
            await SendAsync(admin, "/api/v1/organisations", new { id, name = $"{id} Energy", kind });
        }
        foreach (var side in new[] { "ours", "theirs" })
        {
            var meterId = $"MTR-{side.ToUpperInvariant()}";
            var meter = await SendAsync(admin, "/api/v1/meters", new { id = meterId, timeZone = "Europe/Rome", supplierId = $"{side}-supplier", networkOperatorId = $"{side}-grid" });
            world.DeviceSecrets[meterId] = meter.GetProperty("deviceSecret").GetString()!;
            await SendAsync(admin, "/api/v1/premises", new { id = $"P-{side.ToUpperInvariant()}", name = $"{side} flat", meterIds = new[] { meterId } });
            await SendAsync(admin, "/api/v1/users", new { username = $"{side}-consumer", password = Password, role = "consumer", meterIds = new[] { meterId }, premisesIds = new[] { $"P-{side.ToUpperInvariant()}" } });
            await SendAsync(admin, "/api/v1/users", new { username = $"{side}-supplier-staff", password = Password, role = "supplier", organisationId = $"{side}-supplier" });
            await SendAsync(admin, "/api/v1/users", new { username = $"{side}-grid-staff", password = Password, role = "operator", organisationId = $"{side}-grid" });
            await SendAsync(admin, $"/api/v1/meters/{meterId}/appliances", new { id = "fridge", name = $"{side} fridge", type = "fridge", ratedPowerW = 150 });
            await SendAsync(admin, "/api/v1/grid/nodes", new { id = $"B-{side.ToUpperInvariant()}", kind = "building", name = $"{side} block", mainMeterId = meterId });
            await SendAsync(admin, "/api/v1/gateways", new { id = $"GW-{side.ToUpperInvariant()}", meterIds = new[] { meterId } });
            world.CommandIds[side] = (await SendAsync(admin, $"/api/v1/meters/{meterId}/commands", new { command = "read_registers" })).GetProperty("id").GetString()!;
            var webhook = await SendAsync(admin, "/api/v1/webhooks", new { url = "http://127.0.0.1:9/hooks", eventTypes = new[] { "alert.raised" }, organisationId = $"{side}-supplier" });
            world.WebhookIds[side] = webhook.GetProperty("id").GetString()!;
            var imageId = await Firmware.TestVendor.PublishAsync(admin, $"GM-{side.ToUpperInvariant()}", "1.0.0", supplierId: $"{side}-supplier");
            world.RolloutIds[side] = (await SendAsync(admin, "/api/v1/rollouts",
                new { imageId, target = new { meterIds = new[] { meterId } }, supplierId = $"{side}-supplier" })).GetProperty("id").GetString()!;
        }
        foreach (var (name, organisationId) in new[] { ("supplier-key", "ours-supplier"), ("operator-key", "ours-grid"), ("disposable-1", "ours-supplier"), ("disposable-2", "theirs-supplier") })
        {
            var key = await SendAsync(admin, "/api/v1/apikeys", new { name, organisationId });
            world.ApiKeys[name] = key.GetProperty("key").GetString()!;
            world.ApiKeyIds[name] = key.GetProperty("id").GetString()!;
        }
        await world.AddBillingAsync(admin);
        await world.AddCallersAsync();
        await world.AddReportsAsync();
        return world;
    }

    /// <summary>Ids of billing resources, by kind and side ("ours"/"theirs").</summary>
    public Dictionary<(string Kind, string Side), string> BillingIds { get; } = [];

    /// <summary>Each side's tariff, on its meter from October, October billed, and a consumer's tariff-change request.</summary>
    private async Task AddBillingAsync(HttpClient admin)
    {
        foreach (var side in new[] { "ours", "theirs" })
        {
            var meterId = $"MTR-{side.ToUpperInvariant()}";
            var tariff = new { currency = "EUR", validFrom = "2026-10-01", standingChargePerDay = 0.2m, vatPercent = 10, energy = new[] { new { name = $"{side} energy", price = 0.25m } } };
            await SendAsync(admin, "/api/v1/tariffs", new { id = $"T-{side.ToUpperInvariant()}", name = $"{side} flat", supplierId = $"{side}-supplier", tariff });
            var assigned = await admin.PutAsJsonAsync($"/api/v1/meters/{meterId}/tariff", new { tariffId = $"T-{side.ToUpperInvariant()}", validFrom = "2026-10-01" }, Cancel);
            Assert.True(assigned.IsSuccessStatusCode, await assigned.Content.ReadAsStringAsync(Cancel));
            var run = await SendAsync(admin, "/api/v1/bill-runs", new { supplierId = $"{side}-supplier", month = "2026-10" });
            BillingIds[("bill run", side)] = run.GetProperty("id").GetString()!;
            var bills = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/bills?meterId={meterId}", Cancel);
            BillingIds[("bill", side)] = bills.GetProperty("items")[0].GetProperty("id").GetString()!;
            using var consumer = await App.ClientForAsync($"{side}-consumer", Password);
            var request = await SendAsync(consumer, $"/api/v1/meters/{meterId}/tariff-requests", new { tariffId = $"T-{side.ToUpperInvariant()}", message = $"{side} request" });
            BillingIds[("tariff request", side)] = request.GetProperty("id").GetString()!;
        }
    }

    private async Task AddCallersAsync()
    {
        Callers.Add(new("anonymous", App.CreateClient(), null));
        Callers.Add(new("device", App.DeviceClient("MTR-OURS", DeviceSecrets["MTR-OURS"]), null, IsDevice: true));
        Callers.Add(new("consumer", await App.ClientForAsync("ours-consumer", Password), "consumer"));
        Callers.Add(new("supplier", await App.ClientForAsync("ours-supplier-staff", Password), "supplier"));
        Callers.Add(new("operator", await App.ClientForAsync("ours-grid-staff", Password), "operator"));
        Callers.Add(new("supplier key", KeyClient(ApiKeys["supplier-key"]), "supplier", IsKey: true));
        Callers.Add(new("operator key", KeyClient(ApiKeys["operator-key"]), "operator", IsKey: true));
        Callers.Add(new("admin", await App.AdminAsync(), "admin"));
    }

    private async Task AddReportsAsync()
    {
        using var theirs = await App.ClientForAsync("theirs-consumer", Password);
        var people = Callers.Where(c => c.Role is not null && !c.IsKey).Select(c => (c.Role!, c.Client, "MTR-OURS")).Append(("theirs", theirs, "MTR-THEIRS"));
        foreach (var (owner, client, meterId) in people)
        {
            Reports[owner] = (await SendAsync(client, "/api/v1/reports", new { meterId, kind = "summary", period = "day" })).GetProperty("id").GetString()!;
            ReportSchedules[owner] = (await SendAsync(client, "/api/v1/report-schedules",
                new { meterId, kind = "summary", period = "week", weekday = "monday", time = "07:00" })).GetProperty("id").GetString()!;
        }
    }

    public HttpClient KeyClient(string key)
    {
        var client = App.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>The id of a resource of <paramref name="kind"/> that <paramref name="caller"/> may see (own) or may not (theirs; admins see it).</summary>
    public string ResourceId(string kind, WorldCaller caller, bool own) => (kind, own) switch
    {
        ("meter", true) => "MTR-OURS",
        ("meter", false) => "MTR-THEIRS",
        ("premises", true) => "P-OURS",
        ("premises", false) => "P-THEIRS",
        ("user", true) => caller.Role == "operator" ? "ours-grid-staff" : "ours-consumer",
        ("user", false) => "theirs-consumer",
        ("organisation", true) => caller.Role == "operator" ? "ours-grid" : "ours-supplier",
        ("organisation", false) => "theirs-supplier",
        ("grid node", true) => "B-OURS",
        ("grid node", false) => "B-THEIRS",
        ("gateway", true) => "GW-OURS",
        ("gateway", false) => "GW-THEIRS",
        ("command", true) => CommandIds["ours"],
        ("command", false) => CommandIds["theirs"],
        ("tariff", true) => "T-OURS",
        ("tariff", false) => "T-THEIRS",
        ("bill" or "bill run" or "tariff request", _) => BillingIds[(kind, own ? "ours" : "theirs")],
        ("webhook", true) => WebhookIds["ours"],
        ("webhook", false) => WebhookIds["theirs"],
        ("firmware image", true) => FirmwareImageIds["ours"],
        ("firmware image", false) => FirmwareImageIds["theirs"],
        ("rollout", true) => RolloutIds["ours"],
        ("rollout", false) => RolloutIds["theirs"],
        ("apikey", true) => ApiKeyIds["disposable-1"],
        ("apikey", false) => ApiKeyIds["disposable-2"],
        ("report", true) => Reports[caller.Role ?? "consumer"],
        ("report", false) => Reports["theirs"],
        ("report schedule", true) => ReportSchedules[caller.Role ?? "consumer"],
        ("report schedule", false) => ReportSchedules["theirs"],
        _ => throw new InvalidOperationException(
            $"The access matrix does not know resources of kind '{kind}': add an own and a someone-else's id to World.ResourceId."),
    };

    public static async Task<JsonElement> SendAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body, Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.IsSuccessStatusCode, $"POST {path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
