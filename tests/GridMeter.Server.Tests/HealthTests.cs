using System.Net;
using System.Text.Json;

namespace GridMeter.Server.Tests;

public sealed class HealthTests
{
    [Fact]
    public async Task Health_is_200_with_the_bound_mqtt_port_once_store_and_broker_are_ready()
    {
        await using var app = await GridMeterApp.StartAsync();

        var response = await app.CreateClient().GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        Assert.Equal(app.MqttPort, health.GetProperty("mqttPort").GetInt32());
        Assert.NotEqual(0, app.MqttPort);
    }
}
