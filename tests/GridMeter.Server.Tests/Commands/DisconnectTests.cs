using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridMeter.Server.Commands;
using GridMeter.Server.Tests.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace GridMeter.Server.Tests.Commands;

/// <summary>Safe remote disconnect: supplier staff only, with a reason, a second approver beyond the hourly limit, every step audited.</summary>
public sealed class DisconnectTests
{
    private const string Password = "correct horse battery";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(StorageBackend.Sqlite)]
    [InlineData(StorageBackend.Postgres)]
    public async Task The_eleventh_disconnect_within_an_hour_waits_and_only_another_supplier_user_may_approve_it(StorageBackend storage)
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        await SetUpAsync(app, meters: 11);
        using var alice = await app.ClientForAsync("alice", Password);
        using var bob = await app.ClientForAsync("bob", Password);
        using var carol = await app.ClientForAsync("carol", Password);
        using var olga = await app.ClientForAsync("olga", Password);

        var first = new List<CommandResponse>();
        for (var i = 1; i <= 10; i++)
        {
            first.Add(await CommandLifecycleTests.SendAsync(alice, $"MTR-{i}", new { command = "disconnect", reason = "unpaid" }));
        }
        var eleventh = await CommandLifecycleTests.SendAsync(alice, "MTR-11", new { command = "disconnect", reason = "unpaid" });

        Assert.All(first, c => Assert.Equal("pending", c.Status));
        Assert.Equal("awaitingApproval", eleventh.Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.PostAsync($"/api/v1/commands/{eleventh.Id}/approve", null, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await carol.PostAsync($"/api/v1/commands/{eleventh.Id}/approve", null, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await olga.PostAsync($"/api/v1/commands/{eleventh.Id}/approve", null, Cancel)).StatusCode);
        Assert.Equal("awaitingApproval", (await alice.GetFromJsonAsync<CommandResponse>($"/api/v1/commands/{eleventh.Id}", Cancel))!.Status);

        var approval = await bob.PostAsync($"/api/v1/commands/{eleventh.Id}/approve", null, Cancel);
        Assert.Equal(HttpStatusCode.OK, approval.StatusCode);
        var approved = await approval.Content.ReadFromJsonAsync<CommandResponse>(Cancel);
        Assert.Equal("pending", approved!.Status);
        Assert.Equal("user:bob", approved.ApprovedBy);
        Assert.Equal(HttpStatusCode.Conflict, (await bob.PostAsync($"/api/v1/commands/{eleventh.Id}/approve", null, Cancel)).StatusCode);

        using var admin = await app.AdminAsync();
        var audit = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit?target=command:{eleventh.Id}", Cancel);
        var steps = audit.GetProperty("items").EnumerateArray().Select(e => $"{e.GetProperty("actor").GetString()} {e.GetProperty("action").GetString()}").ToList();
        Assert.Equal(["user:bob command.approved", "user:alice command.requested"], steps);
    }

    [Fact]
    public async Task The_limit_counts_one_supplier_over_the_last_hour()
    {
        await using var app = await GridMeterApp.StartAsync(settings: new() { ["GridMeter:Commands:DisconnectsPerHour"] = "2" });
        await SetUpAsync(app, meters: 3);
        var commands = app.Services.GetRequiredService<MeterCommands>();
        var billing = CommandRequester.System("billing");

        var one = await commands.DisconnectAsync("MTR-1", "prepaid credit exhausted", billing, Cancel);
        var two = await commands.DisconnectAsync("MTR-2", "prepaid credit exhausted", billing, Cancel);
        var three = await commands.DisconnectAsync("MTR-3", "prepaid credit exhausted", billing, Cancel);
        app.Clock.Advance(TimeSpan.FromMinutes(61));
        var later = await commands.ReconnectAsync("MTR-1", "topped up", billing, Cancel);
        var fourth = await commands.DisconnectAsync("MTR-1", "prepaid credit exhausted", billing, Cancel);

        Assert.Equal(["pending", "pending", "awaitingApproval", "pending", "pending"], new[] { one, two, three, later, fourth }.Select(o => o.Command!.Status));
        Assert.Equal("system:billing", one.Command!.RequestedBy);
    }

    [Fact]
    public async Task Consumers_and_operators_may_not_switch_supply_and_consumers_switch_only_their_own_appliances()
    {
        await using var app = await GridMeterApp.StartAsync();
        await SetUpAsync(app, meters: 2);
        using var carol = await app.ClientForAsync("carol", Password);
        using var olga = await app.ClientForAsync("olga", Password);
        using var alice = await app.ClientForAsync("alice", Password);
        var disconnect = new { command = "disconnect", reason = "unpaid" };

        Assert.Equal(HttpStatusCode.Forbidden, (await carol.PostAsJsonAsync("/api/v1/meters/MTR-1/commands", disconnect, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await olga.PostAsJsonAsync("/api/v1/meters/MTR-1/commands", disconnect, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await carol.PostAsJsonAsync("/api/v1/meters/MTR-2/commands", disconnect, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await alice.PostAsJsonAsync("/api/v1/meters/MTR-1/commands", new { command = "disconnect" }, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await carol.PostAsJsonAsync("/api/v1/meters/MTR-2/commands", new { command = "appliance_on", parameters = new { applianceId = "fridge" } }, Cancel)).StatusCode);
        var on = await CommandLifecycleTests.SendAsync(carol, "MTR-1", new { command = "appliance_off", parameters = new { applianceId = "fridge" } });
        Assert.Equal("pending", on.Status);
        Assert.Equal(0, await CountAsync(app, "disconnect"));
    }

    private static async Task<long> CountAsync(GridMeterApp app, string command)
    {
        await using var connection = await app.Services.GetRequiredService<GridMeter.Server.Storage.IDatabase>().OpenAsync(Cancel);
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT COUNT(*) FROM commands WHERE command = @command", new { command });
    }

    /// <summary>Supplier acme with staff alice and bob, operator grid with olga, meters MTR-1… with a fridge each, carol the consumer at MTR-1.</summary>
    private static async Task SetUpAsync(GridMeterApp app, int meters)
    {
        using var admin = await app.AdminAsync();
        await World.SendAsync(admin, "/api/v1/organisations", new { id = "acme", name = "ACME Energy", kind = "supplier" });
        await World.SendAsync(admin, "/api/v1/organisations", new { id = "grid", name = "Grid", kind = "networkOperator" });
        for (var i = 1; i <= meters; i++)
        {
            await World.SendAsync(admin, "/api/v1/meters", new { id = $"MTR-{i}", timeZone = "Europe/Rome", supplierId = "acme", networkOperatorId = "grid" });
            await World.SendAsync(admin, $"/api/v1/meters/MTR-{i}/appliances", new { id = "fridge", name = "Fridge", type = "fridge", ratedPowerW = 150 });
        }
        await World.SendAsync(admin, "/api/v1/users", new { username = "alice", password = Password, role = "supplier", organisationId = "acme" });
        await World.SendAsync(admin, "/api/v1/users", new { username = "bob", password = Password, role = "supplier", organisationId = "acme" });
        await World.SendAsync(admin, "/api/v1/users", new { username = "olga", password = Password, role = "operator", organisationId = "grid" });
        await World.SendAsync(admin, "/api/v1/users", new { username = "carol", password = Password, role = "consumer", meterIds = new[] { "MTR-1" } });
    }
}
