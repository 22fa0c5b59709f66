using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using GridMeter.Server.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace GridMeter.Server.Tests.Accounts;

/// <summary>Organisations, users, consumers linked to meters and premises, profiles and passwords, through the API.</summary>
public abstract class AccountsApiTests(StorageBackend storage)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_organisation_is_created_once_and_a_second_one_with_its_id_is_a_conflict()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        using var admin = await app.AdminAsync();

        var created = await admin.PostAsJsonAsync("/api/v1/organisations", new { id = "acme", name = "ACME Energy", kind = "supplier" }, Cancel);
        var again = await admin.PostAsJsonAsync("/api/v1/organisations", new { id = "acme", name = "Other", kind = "networkOperator" }, Cancel);
        var badKind = await admin.PostAsJsonAsync("/api/v1/organisations", new { id = "x", name = "X", kind = "bank" }, Cancel);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/v1/organisations/acme", created.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);
        var acme = await admin.GetFromJsonAsync<JsonElement>("/api/v1/organisations/acme", Cancel);
        Assert.Equal(("ACME Energy", "supplier"), (acme.GetProperty("name").GetString(), acme.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task A_supplier_creates_consumers_of_its_own_meters_and_no_one_else()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        var world = await World.CreateAsync(app);
        using var supplier = await app.ClientForAsync("ours-supplier-staff", World.Password);

        var own = await supplier.PostAsJsonAsync("/api/v1/users", Consumer("carol", "MTR-OURS"), Cancel);
        var theirs = await supplier.PostAsJsonAsync("/api/v1/users", Consumer("dave", "MTR-THEIRS"), Cancel);
        var unlinked = await supplier.PostAsJsonAsync("/api/v1/users", new { username = "erin", password = World.Password, role = "consumer" }, Cancel);
        var staff = await supplier.PostAsJsonAsync(
            "/api/v1/users", new { username = "frank", password = World.Password, role = "supplier", organisationId = "ours-supplier" }, Cancel);

        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, theirs.StatusCode);
        Assert.Contains("unknown: MTR-THEIRS", await theirs.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(HttpStatusCode.BadRequest, unlinked.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, staff.StatusCode);
        using var carol = await app.ClientForAsync("carol", World.Password);
        var meters = await carol.GetFromJsonAsync<JsonElement>("/api/v1/meters", Cancel);
        Assert.Equal(["MTR-OURS"], meters.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        Assert.Equal(3 + 4, await CountAsync(app, "SELECT COUNT(*) FROM users WHERE role = 'consumer' OR username LIKE '%staff'"));
    }

    [Fact]
    public async Task A_consumer_linked_to_premises_sees_every_meter_there_and_nothing_else()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        await World.CreateAsync(app);
        using var admin = await app.AdminAsync();
        await World.SendAsync(admin, "/api/v1/meters", new { id = "MTR-SUB", timeZone = "Europe/Rome", supplierId = "ours-supplier" });
        await World.SendAsync(admin, "/api/v1/premises", new { id = "P-HOME", meterIds = new[] { "MTR-SUB" } });
        await World.SendAsync(admin, "/api/v1/users", new { username = "gina", password = World.Password, role = "consumer", premisesIds = new[] { "P-HOME" } });

        using var gina = await app.ClientForAsync("gina", World.Password);
        var meters = await gina.GetFromJsonAsync<JsonElement>("/api/v1/meters", Cancel);
        var me = await gina.GetFromJsonAsync<JsonElement>("/api/v1/me", Cancel);

        Assert.Equal(["MTR-SUB"], meters.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        Assert.Equal(["P-HOME"], me.GetProperty("premisesIds").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await gina.GetAsync("/api/v1/meters/MTR-OURS", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Staff_see_their_colleagues_and_a_supplier_sees_the_consumers_of_its_meters()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        await World.CreateAsync(app);
        using var supplier = await app.ClientForAsync("ours-supplier-staff", World.Password);
        using var operatorStaff = await app.ClientForAsync("ours-grid-staff", World.Password);
        using var consumer = await app.ClientForAsync("ours-consumer", World.Password);

        Assert.Equal(["ours-consumer", "ours-supplier-staff"], await UsernamesAsync(supplier));
        Assert.Equal(["ours-grid-staff"], await UsernamesAsync(operatorStaff));
        Assert.Equal(["ours-consumer"], await UsernamesAsync(consumer));
        Assert.Equal(["ours-consumer"], await UsernamesAsync(supplier, "?role=consumer"));
    }

    [Fact]
    public async Task A_person_sets_where_alerts_go_and_bad_addresses_are_refused()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        await World.CreateAsync(app);
        using var consumer = await app.ClientForAsync("ours-consumer", World.Password);

        var ok = await consumer.PutAsJsonAsync("/api/v1/me/profile", new { email = "alice@example.org", mobile = "+393471234567" }, Cancel);
        var bad = await consumer.PutAsJsonAsync("/api/v1/me/profile", new { email = "not an address", mobile = "0347 123" }, Cancel);

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.True(problem.GetProperty("errors").TryGetProperty("email", out _) && problem.GetProperty("errors").TryGetProperty("mobile", out _));
        var me = await consumer.GetFromJsonAsync<JsonElement>("/api/v1/me", Cancel);
        Assert.Equal(("alice@example.org", "+393471234567"), (me.GetProperty("email").GetString(), me.GetProperty("mobile").GetString()));
        using var admin = await app.AdminAsync();
        var audit = await admin.GetStringAsync("/api/v1/audit?action=user.profile_updated", Cancel);
        Assert.Contains("user:ours-consumer", audit);
        Assert.DoesNotContain("alice@example.org", audit);
    }

    [Fact]
    public async Task Changing_the_password_ends_every_token_and_only_the_new_password_logs_in()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        await World.CreateAsync(app);
        using var first = await app.ClientForAsync("ours-consumer", World.Password);
        using var second = await app.ClientForAsync("ours-consumer", World.Password);

        var wrong = await first.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = "not it", newPassword = "a brand new secret" }, Cancel);
        var tooShort = await first.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = World.Password, newPassword = "short" }, Cancel);
        var changed = await first.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = World.Password, newPassword = "a brand new secret" }, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await first.GetAsync("/api/v1/me", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync("/api/v1/me", Cancel)).StatusCode);
        using var anonymous = app.CreateClient();
        var old = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { username = "ours-consumer", password = World.Password }, Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        using var renewed = await app.ClientForAsync("ours-consumer", "a brand new secret");
        Assert.Equal(HttpStatusCode.OK, (await renewed.GetAsync("/api/v1/me", Cancel)).StatusCode);
    }

    [Fact]
    public async Task A_bearer_token_expires_after_its_lifetime_and_logging_out_ends_it_at_once()
    {
        await using var app = await GridMeterApp.StartAsync(storage, settings: new() { ["GridMeter:Auth:TokenLifetimeSeconds"] = "600" });
        using var expiring = await app.AdminAsync();
        using var leaving = await app.AdminAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await leaving.DeleteAsync("/api/v1/auth/token", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await leaving.GetAsync("/api/v1/me", Cancel)).StatusCode);
        app.Clock.Advance(TimeSpan.FromSeconds(599));
        Assert.Equal(HttpStatusCode.OK, (await expiring.GetAsync("/api/v1/me", Cancel)).StatusCode);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await expiring.GetAsync("/api/v1/me", Cancel)).StatusCode);
    }

    [Fact]
    public async Task The_first_admin_is_in_the_audit_log_without_its_password()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        using var admin = await app.AdminAsync();

        var audit = await admin.GetStringAsync("/api/v1/audit?target=user:admin&action=user.created", Cancel);

        Assert.Contains("\"actor\":\"system\"", audit, StringComparison.Ordinal);
        Assert.Contains("GRIDMETER_ADMIN_PASSWORD", audit, StringComparison.Ordinal);
        Assert.DoesNotContain(GridMeterApp.AdminPassword, audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_audit_log_is_read_newest_first_filtered_and_page_by_page()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        using var admin = await app.AdminAsync();
        for (var i = 1; i <= 5; i++)
        {
            await World.SendAsync(admin, "/api/v1/organisations", new { id = $"org-{i}", name = $"Org {i}", kind = "supplier" });
            app.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var first = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=organisation.created&limit=2", Cancel);
        var second = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit?action=organisation.created&limit=2&before={first.GetProperty("next")}", Cancel);
        var window = await admin.GetFromJsonAsync<JsonElement>(
            "/api/v1/audit?action=organisation.created&from=2026-11-22T12:01:00Z&to=2026-11-22T12:03:00Z", Cancel);

        Assert.Equal(["organisation:org-5", "organisation:org-4"], Targets(first));
        Assert.Equal(["organisation:org-3", "organisation:org-2"], Targets(second));
        Assert.Equal(["organisation:org-3", "organisation:org-2"], Targets(window));
        Assert.Equal(JsonValueKind.Null, window.GetProperty("next").ValueKind);
        var item = first.GetProperty("items")[0];
        Assert.Equal(("user:admin", "2026-11-22T12:04:00+00:00"), (item.GetProperty("actor").GetString(), item.GetProperty("at").GetString()));
    }

    private static object Consumer(string username, string meterId) =>
        new { username, password = World.Password, role = "consumer", meterIds = new[] { meterId }, email = $"{username}@example.org" };

    private static async Task<List<string?>> UsernamesAsync(HttpClient client, string query = "")
    {
        var users = await client.GetFromJsonAsync<JsonElement>($"/api/v1/users{query}", Cancel);
        return [.. users.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("username").GetString())];
    }

    private static List<string?> Targets(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("target").GetString())];

    private static async Task<long> CountAsync(GridMeterApp app, string sql)
    {
        await using var connection = await app.Services.GetRequiredService<IDatabase>().OpenAsync(Cancel);
        return await connection.ExecuteScalarAsync<long>(sql);
    }
}

public sealed class SqliteAccountsApiTests() : AccountsApiTests(StorageBackend.Sqlite);

public sealed class PostgresAccountsApiTests() : AccountsApiTests(StorageBackend.Postgres);
