using GridMeter.Mqtt.Tests.Infrastructure;

namespace GridMeter.Mqtt.Tests;

/// <summary>MQTT.js (Debian's node-mqtt) against our broker, over MQTT 3.1.1 and 5.0.</summary>
public sealed class MqttJsInteropTests
{
    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public async Task Mqttjs_publishes_and_receives_through_our_broker(int version)
    {
        var node = OutsideTools.Node;
        await using var broker = await TestBroker.StartAsync();
        var (exit, output, errors) = await ChildProcess.RunAsync(node, [OutsideTools.Script("mqttjs_roundtrip.js"), $"{broker.Port}", $"{version}"],
            OutsideTools.ToolTimeout, new Dictionary<string, string> { ["NODE_PATH"] = "/usr/share/nodejs" });
        Assert.True(exit == 0 && output.Contains("PASS mqtt.js", StringComparison.Ordinal), $"MQTT.js printed:\n{output}\n{errors}");
    }
}
