using GridMeter.Mqtt.Tests.Infrastructure;

namespace GridMeter.Mqtt.Tests;

/// <summary>mosquitto_pub and mosquitto_sub (Eclipse Mosquitto's own clients) against our broker.</summary>
public sealed class MosquittoClientsInteropTests
{
    [Theory]
    [InlineData("mqttv311", 0)]
    [InlineData("mqttv311", 1)]
    [InlineData("mqttv311", 2)]
    [InlineData("mqttv5", 0)]
    [InlineData("mqttv5", 1)]
    [InlineData("mqttv5", 2)]
    public async Task Mosquitto_sub_receives_what_mosquitto_pub_sends(string version, int qos)
    {
        await using var broker = await TestBroker.StartAsync();
        await using var sub = ChildProcess.Start("/usr/bin/stdbuf", ["-oL", OutsideTools.MosquittoSub, "-h", "127.0.0.1", "-p", $"{broker.Port}", "-V", version,
            "-t", "meters/+/live", "-q", $"{qos}", "-C", "1", "-v", "-d"]);
        await sub.WaitForOutputAsync("SUBACK", OutsideTools.ToolTimeout);
        var (exit, output, errors) = await ChildProcess.RunAsync(OutsideTools.MosquittoPub, ["-h", "127.0.0.1", "-p", $"{broker.Port}", "-V", version,
            "-t", "meters/MTR-1/live", "-q", $"{qos}", "-m", "{\"ts\":\"2026-11-21T10:15:00Z\"}"], OutsideTools.ToolTimeout);
        Assert.True(exit == 0, $"mosquitto_pub failed: {output} {errors}");
        Assert.Equal(0, await sub.WaitForExitAsync(OutsideTools.ToolTimeout));
        Assert.Contains("meters/MTR-1/live {\"ts\":\"2026-11-21T10:15:00Z\"}", sub.Output);
    }

    [Fact]
    public async Task Retained_message_from_mosquitto_pub_reaches_a_later_mosquitto_sub()
    {
        await using var broker = await TestBroker.StartAsync();
        var (exit, _, errors) = await ChildProcess.RunAsync(OutsideTools.MosquittoPub, ["-h", "127.0.0.1", "-p", $"{broker.Port}",
            "-t", "meters/MTR-2/status", "-q", "1", "-r", "-m", "{\"online\":true}"], OutsideTools.ToolTimeout);
        Assert.True(exit == 0, errors);
        var (subExit, output, subErrors) = await ChildProcess.RunAsync(OutsideTools.MosquittoSub, ["-h", "127.0.0.1", "-p", $"{broker.Port}",
            "-V", "mqttv5", "-t", "meters/+/status", "-C", "1", "-v"], OutsideTools.ToolTimeout);
        Assert.True(subExit == 0, subErrors);
        Assert.Contains("meters/MTR-2/status {\"online\":true}", output);
    }
}
