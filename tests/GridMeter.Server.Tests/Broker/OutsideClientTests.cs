using System.Diagnostics;
using System.Net.Http.Json;
using GridMeter.Server.Consumption;
using GridMeter.Testing;

namespace GridMeter.Server.Tests.Broker;

/// <summary>Devices built with other people's MQTT clients: mosquitto_pub and Eclipse Paho (Python).</summary>
public sealed class OutsideClientTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private const string Reading1 = """{"readings":[{"ts":"2026-11-22T11:00:00Z","values":{"1-0:1.8.0":100.000}}]}""";
    private const string Reading2 = """{"readings":[{"ts":"2026-11-22T11:15:00Z","values":{"1-0:1.8.0":100.250}}]}""";

    [Theory]
    [InlineData("mqttv311")]
    [InlineData("mqttv5")]
    public async Task Mosquitto_pub_with_provisioned_credentials_stores_readings_and_a_wrong_password_is_refused(string version)
    {
        var mosquittoPub = ExternalTool.Require("mosquitto_pub", "/usr/bin/mosquitto_pub");
        await using var app = await GridMeterApp.StartAsync();
        var secret = await app.ProvisionAsync("MTR-1");

        foreach (var reading in new[] { Reading1, Reading2 })
        {
            var (code, output) = await RunAsync(mosquittoPub, ["-h", "127.0.0.1", "-p", $"{app.MqttPort}", "-V", version, "-i", "MTR-1",
                "-u", "MTR-1", "-P", secret, "-q", "1", "-t", "meters/MTR-1/readings", "-m", reading]);
            Assert.True(code == 0, output);
        }
        var (refusedCode, refusedOutput) = await RunAsync(mosquittoPub, ["-h", "127.0.0.1", "-p", $"{app.MqttPort}", "-V", version,
            "-u", "MTR-1", "-P", "wrong", "-q", "1", "-t", "meters/MTR-1/readings", "-m", Reading1]);

        Assert.NotEqual(0, refusedCode);
        Assert.Contains("not authori", refusedOutput, StringComparison.OrdinalIgnoreCase);
        await AssertQuarterHourAsync(app, 0.25m);
    }

    [Theory]
    [InlineData("3")]
    [InlineData("5")]
    public async Task Paho_publishes_readings_that_the_consumption_api_returns(string version)
    {
        var python = ExternalTool.Require("python3 with paho-mqtt", "/usr/bin/python3");
        await using var app = await GridMeterApp.StartAsync();
        var secret = await app.ProvisionAsync("MTR-1");
        var script = $$"""
            import sys, paho.mqtt.client as mqtt
            v5 = "{{version}}" == "5"
            c = mqtt.Client(client_id="MTR-1", protocol=mqtt.MQTTv5 if v5 else mqtt.MQTTv311)
            c.username_pw_set("MTR-1", sys.argv[1])
            c.connect("127.0.0.1", {{app.MqttPort}})
            c.loop_start()
            for payload in sys.argv[2:]:
                info = c.publish("meters/MTR-1/readings", payload, qos=1)
                info.wait_for_publish(10)
                print("acked" if info.is_published() else "not acked")
            c.loop_stop()
            c.disconnect()
            """;

        var (code, output) = await RunAsync(python, ["-c", script, secret, Reading1, Reading2]);

        Assert.True(code == 0, output);
        Assert.Equal(2, output.Split('\n').Count(l => l.Trim() == "acked"));
        await AssertQuarterHourAsync(app, 0.25m);
    }

    private static async Task AssertQuarterHourAsync(GridMeterApp app, decimal expected)
    {
        using var admin = await app.AdminAsync();
        var quarter = await admin.GetFromJsonAsync<ConsumptionResponse>(
            "/api/v1/meters/MTR-1/consumption?from=2026-11-22T11:00:00Z&to=2026-11-22T11:15:00Z&interval=15m", Cancel);
        Assert.Equal(expected, Assert.Single(quarter!.Points).Value);
    }

    private static async Task<(int Code, string Output)> RunAsync(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
