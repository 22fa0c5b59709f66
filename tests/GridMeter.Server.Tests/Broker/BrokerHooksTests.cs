using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridMeter.Server.Broker;

namespace GridMeter.Server.Tests.Broker;

/// <summary>
/// The HTTP hooks an EMQX-style broker calls: the same logins and topic rights as the embedded
/// broker, and nothing for a caller without the shared key.
/// </summary>
public sealed class BrokerHooksTests
{
    private const string Key = "a-shared-broker-hook-key";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static Task<GridMeterApp> StartAsync() => GridMeterApp.StartAsync(settings: new Dictionary<string, string?>
    {
        ["GridMeter:Mqtt:HookKey"] = Key,
        ["GridMeter:Mqtt:ExternalUsername"] = "gridmeter-nodes",
        ["GridMeter:Mqtt:ExternalPassword"] = "node-password",
    });

    [Fact]
    public async Task A_meter_logs_in_with_its_secret_a_wrong_secret_is_denied_and_the_nodes_are_superusers()
    {
        await using var app = await StartAsync();
        var secret = await app.ProvisionAsync("MTR-1");
        using var broker = BrokerClient(app, Key);

        var right = await AskAsync(broker, "authenticate", new { clientid = "MTR-1", username = "MTR-1", password = secret });
        var wrong = await AskAsync(broker, "authenticate", new { clientid = "MTR-1", username = "MTR-1", password = secret + "x" });
        var unknown = await AskAsync(broker, "authenticate", new { clientid = "X", username = "MTR-404", password = secret });
        var node = await AskAsync(broker, "authenticate", new { clientid = "gridmeter-a", username = "gridmeter-nodes", password = "node-password" });

        Assert.Equal(("allow", false), (right.GetProperty("result").GetString(), right.GetProperty("is_superuser").GetBoolean()));
        Assert.Equal("deny", wrong.GetProperty("result").GetString());
        Assert.Equal("deny", unknown.GetProperty("result").GetString());
        Assert.Equal(("allow", true), (node.GetProperty("result").GetString(), node.GetProperty("is_superuser").GetBoolean()));
    }

    [Theory]
    [InlineData("MTR-1", "publish", "meters/MTR-1/readings", "allow")]
    [InlineData("MTR-1", "publish", "meters/MTR-1/commands/c1/result", "allow")]
    [InlineData("MTR-1", "publish", "meters/MTR-2/readings", "deny")]
    [InlineData("MTR-1", "publish", "meters/MTR-1/commands", "deny")]
    [InlineData("MTR-1", "subscribe", "meters/MTR-1/commands", "allow")]
    [InlineData("MTR-1", "subscribe", "meters/MTR-1/errors", "allow")]
    [InlineData("MTR-1", "subscribe", "meters/+/commands", "deny")]
    [InlineData("MTR-1", "subscribe", "#", "deny")]
    [InlineData("GW-1", "publish", "meters/MTR-2/readings", "allow")]
    [InlineData("GW-1", "subscribe", "gateways/GW-1/schedule", "allow")]
    [InlineData("GW-1", "publish", "meters/MTR-1/readings", "deny")]
    [InlineData("MTR-404", "publish", "meters/MTR-404/readings", "deny")]
    public async Task Topic_rights_are_those_of_the_embedded_broker(string username, string action, string topic, string expected)
    {
        await using var app = await StartAsync();
        await app.ProvisionAsync("MTR-1");
        await app.ProvisionAsync("MTR-2");
        using (var admin = await app.AdminAsync())
        {
            (await admin.PostAsJsonAsync("/api/v1/gateways", new { id = "GW-1", meterIds = new[] { "MTR-2" } }, Cancel)).EnsureSuccessStatusCode();
        }
        using var broker = BrokerClient(app, Key);

        var answer = await AskAsync(broker, "authorize", new { clientid = username, username, topic, action });

        Assert.Equal(expected, answer.GetProperty("result").GetString());
    }

    [Fact]
    public async Task Without_the_shared_key_the_hooks_answer_401_and_reveal_nothing()
    {
        await using var app = await StartAsync();
        var secret = await app.ProvisionAsync("MTR-1");

        using var none = BrokerClient(app, key: null);
        using var wrong = BrokerClient(app, Key + "x");
        var withoutKey = await none.PostAsJsonAsync("/api/v1/broker/authenticate", new { username = "MTR-1", password = secret }, Cancel);
        var wrongKey = await wrong.PostAsJsonAsync("/api/v1/broker/authorize", new { username = "MTR-1", topic = "meters/MTR-1/readings", action = "publish" }, Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal("application/problem+json", withoutKey.Content.Headers.ContentType?.MediaType);
    }

    private static HttpClient BrokerClient(GridMeterApp app, string? key)
    {
        var client = app.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add(BrokerHooksApi.KeyHeader, key);
        }
        return client;
    }

    private static async Task<JsonElement> AskAsync(HttpClient broker, string hook, object body)
    {
        var response = await broker.PostAsJsonAsync($"/api/v1/broker/{hook}", body, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
    }
}
