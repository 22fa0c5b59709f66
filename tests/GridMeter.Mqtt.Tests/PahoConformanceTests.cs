using GridMeter.Mqtt.Tests.Infrastructure;

namespace GridMeter.Mqtt.Tests;

/// <summary>
/// The cases of the Eclipse Paho MQTT 3.1.1 interoperability suite (client_test.py), played by
/// python3-paho-mqtt (and a bare socket client where the suite misbehaves on purpose) against our
/// broker with anonymous access on. Subscribe failure uses meters/x/commands, which anonymous clients may not use.
/// </summary>
public sealed class PahoConformanceTests(PahoBrokerFixture broker) : IClassFixture<PahoBrokerFixture>
{
    [Theory]
    [InlineData("basic")]
    [InlineData("retained_messages")]
    [InlineData("offline_message_queueing")]
    [InlineData("will_message")]
    [InlineData("overlapping_subscriptions")]
    [InlineData("keepalive")]
    [InlineData("redelivery_on_reconnect")]
    [InlineData("zero_length_clientid")]
    [InlineData("subscribe_failure")]
    [InlineData("dollar_topics")]
    [InlineData("unsubscribe")]
    public async Task Paho_interoperability_case_passes(string name)
    {
        var (exit, output, errors) = await ChildProcess.RunAsync(OutsideTools.Python,
            [OutsideTools.Script("paho_conformance.py"), $"{broker.Port}", name], TimeSpan.FromSeconds(40));
        Assert.True(exit == 0 && output.Contains($"PASS {name}", StringComparison.Ordinal),
            $"expected 'PASS {name}' from the Paho case; it printed:\n{output}\n{errors}");
    }
}
