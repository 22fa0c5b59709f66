using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using GridMeter.Server.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace GridMeter.Server.Tests.Accounts;

/// <summary>Integrators' API keys: shown once, kept hashed, acting for one organisation, revocable.</summary>
public abstract class ApiKeysTests(StorageBackend storage)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_key_is_shown_once_kept_only_as_a_hash_and_sees_what_its_organisation_sees()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        var world = await World.CreateAsync(app);
        var key = world.ApiKeys["supplier-key"];
        using var admin = await app.AdminAsync();

        var listed = await admin.GetStringAsync("/api/v1/apikeys?organisationId=ours-supplier", Cancel);
        await using var connection = await app.Services.GetRequiredService<IDatabase>().OpenAsync(Cancel);
        var stored = (await connection.QueryAsync<byte[]>("SELECT secret_hash FROM api_keys")).ToList();
        using var integrator = world.KeyClient(key);
        var meters = await integrator.GetFromJsonAsync<JsonElement>("/api/v1/meters", Cancel);

        Assert.StartsWith("gmk_", key);
        Assert.DoesNotContain(key, listed);
        Assert.Contains(world.ApiKeyIds["supplier-key"], listed);
        Assert.DoesNotContain(world.ApiKeyIds["operator-key"], listed);
        Assert.All(stored, hash => Assert.Equal(32, hash.Length));
        Assert.DoesNotContain(stored, hash => Encoding.UTF8.GetString(hash).Contains(key, StringComparison.Ordinal));
        Assert.Equal(["MTR-OURS"], meters.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task A_key_for_reading_only_reads_but_changes_nothing()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        await World.CreateAsync(app);
        using var admin = await app.AdminAsync();
        var created = await World.SendAsync(admin, "/api/v1/apikeys", new { name = "billing export", organisationId = "ours-supplier", readOnly = true });
        using var integrator = app.CreateClient();
        integrator.DefaultRequestHeaders.Add("X-Api-Key", created.GetProperty("key").GetString());

        var read = await integrator.GetAsync("/api/v1/meters/MTR-OURS", Cancel);
        var change = await integrator.PostAsJsonAsync("/api/v1/meters", new { id = "MTR-NEW", timeZone = "Europe/Rome" }, Cancel);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, change.StatusCode);
        Assert.Contains("reads only", await change.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task A_revoked_key_an_expired_key_and_an_unknown_key_are_refused()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        var world = await World.CreateAsync(app);
        using var admin = await app.AdminAsync();
        var expiring = await World.SendAsync(
            admin, "/api/v1/apikeys", new { name = "trial", organisationId = "ours-grid", expiresAt = app.Clock.GetUtcNow().AddHours(1) });
        using var revoked = world.KeyClient(world.ApiKeys["supplier-key"]);
        using var expired = world.KeyClient(expiring.GetProperty("key").GetString()!);
        using var unknown = world.KeyClient("gmk_" + new string('A', 43));

        Assert.Equal(HttpStatusCode.OK, (await expired.GetAsync("/api/v1/meters", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/apikeys/{world.ApiKeyIds["supplier-key"]}", Cancel)).StatusCode);
        app.Clock.Advance(TimeSpan.FromHours(1));

        foreach (var client in new[] { revoked, expired, unknown })
        {
            var response = await client.GetAsync("/api/v1/meters", Cancel);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        using var laterAdmin = await app.AdminAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await laterAdmin.DeleteAsync($"/api/v1/apikeys/{world.ApiKeyIds["supplier-key"]}", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Changes_made_with_a_key_are_audited_under_the_key()
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        var world = await World.CreateAsync(app);
        using var integrator = world.KeyClient(world.ApiKeys["supplier-key"]);

        await World.SendAsync(integrator, "/api/v1/meters", new { id = "MTR-VIA-KEY", timeZone = "Europe/Rome" });

        using var admin = await app.AdminAsync();
        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit?target=meter:MTR-VIA-KEY", Cancel);
        Assert.Equal($"key:{world.ApiKeyIds["supplier-key"]}", Assert.Single(audit.GetProperty("items").EnumerateArray()).GetProperty("actor").GetString());
        var meter = await integrator.GetFromJsonAsync<JsonElement>("/api/v1/meters/MTR-VIA-KEY", Cancel);
        Assert.Equal("ours-supplier", meter.GetProperty("supplierId").GetString());
    }
}

public sealed class SqliteApiKeysTests() : ApiKeysTests(StorageBackend.Sqlite);

public sealed class PostgresApiKeysTests() : ApiKeysTests(StorageBackend.Postgres);
