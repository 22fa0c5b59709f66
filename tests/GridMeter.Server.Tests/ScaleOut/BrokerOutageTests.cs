using System.Net;
using System.Text;
using System.Text.Json;
using Dapper;
using GridMeter.Mqtt.Client;
using GridMeter.Mqtt.Packets;
using GridMeter.Testing;

namespace GridMeter.Server.Tests.ScaleOut;

/// <summary>A node in external-broker mode when the broker goes away and comes back empty.</summary>
public sealed class BrokerOutageTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Health_reports_the_lost_broker_and_the_node_reconnects_and_subscribes_again_when_it_returns()
    {
        await using var cluster = await ScaleOutCluster.StartAsync(nodes: 1);
        using var http = cluster.Node(0).CreateClient();

        await cluster.Broker.StopAsync();
        var down = await Eventually.Async(() => HealthAsync(http), h => h.Status == HttpStatusCode.ServiceUnavailable, "/health to answer 503 without the broker");
        await cluster.Broker.RestartAsync();
        await Eventually.Async(() => HealthAsync(http), h => h.Status == HttpStatusCode.OK, "/health to answer 200 once the broker is back", TimeSpan.FromSeconds(30));

        // The restarted broker kept no session: the node must have subscribed again for this reading to arrive.
        var secret = await cluster.ProvisionMeterAsync(0, "OUTAGE-1");
        await using var meter = new MqttClient(new MqttClientOptions { Port = cluster.Broker.Port, ClientId = "OUTAGE-1", Username = "OUTAGE-1", Password = secret });
        await meter.ConnectAsync(Cancel);
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 900 * 900 - 900;
        var published = await meter.PublishAsync(new MqttMessage
        {
            Topic = "meters/OUTAGE-1/readings",
            Payload = Encoding.UTF8.GetBytes("{\"readings\":[{\"ts\":" + (ts * 1000) + ",\"values\":{\"1-0:1.8.0\":12.5}}]}"),
            QualityOfService = MqttQualityOfService.AtLeastOnce,
        }, Cancel);
        Assert.True(published.IsSuccess);
        await Eventually.Async(async () =>
        {
            await using var connection = await cluster.OpenDatabaseAsync();
            return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM readings r JOIN meters m ON m.key = r.meter WHERE m.id = 'OUTAGE-1'");
        }, n => n == 1, "the reading published after the broker came back to be stored");
        Assert.False(down.Body.GetProperty("mqttConnected").GetBoolean());
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> HealthAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/health", Cancel);
        return (response.StatusCode, JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync(Cancel)));
    }
}
