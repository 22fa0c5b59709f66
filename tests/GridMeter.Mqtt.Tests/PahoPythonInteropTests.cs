using GridMeter.Mqtt.Tests.Infrastructure;

namespace GridMeter.Mqtt.Tests;

/// <summary>python3-paho-mqtt speaking MQTT 5.0 to our broker: properties, options, shared subscriptions, aliases.</summary>
public sealed class PahoPythonInteropTests(PahoBrokerFixture broker) : IClassFixture<PahoBrokerFixture>
{
    [Theory]
    [InlineData("properties")]
    [InlineData("no_local")]
    [InlineData("shared")]
    [InlineData("topic_alias")]
    [InlineData("assigned_client_id")]
    [InlineData("session_expiry")]
    [InlineData("subscribe_refused")]
    [InlineData("server_keep_alive")]
    public async Task Paho_mqtt5_case_passes(string name)
    {
        var (exit, output, errors) = await ChildProcess.RunAsync(OutsideTools.Python,
            [OutsideTools.Script("paho_v5.py"), $"{broker.Port}", name], TimeSpan.FromSeconds(30));
        Assert.True(exit == 0 && output.Contains($"PASS {name}", StringComparison.Ordinal),
            $"expected 'PASS {name}' from paho-mqtt; it printed:\n{output}\n{errors}");
    }
}
