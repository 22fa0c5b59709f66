using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using GridMeter.Server.Tests.Accounts;
using GridMeter.Testing;

namespace GridMeter.Server.Tests.Soap;

/// <summary>
/// python3-zeep, a SOAP client GridMeter does not control, loads each service's WSDL as served and
/// calls every operation: answers arrive as typed values, errors as SOAP faults.
/// </summary>
public sealed class ZeepInteropTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Zeep_loads_every_wsdl_and_calls_every_operation_with_errors_as_soap_faults()
    {
        var python = ZeepPython();
        await using var app = await GridMeterApp.StartAsync();
        var world = await World.CreateAsync(app);
        using (var admin = await app.AdminAsync())
        {
            var placed = await admin.PutAsJsonAsync("/api/v1/meters/MTR-OURS/placement", new { nodeId = "B-OURS" }, Cancel);
            Assert.True(placed.IsSuccessStatusCode, await placed.Content.ReadAsStringAsync(Cancel));
        }
        await using var proxy = new LoopbackProxy(app);

        var output = await RunAsync(python,
        [
            Path.Combine(AppContext.BaseDirectory, "Soap", "zeep_client.py"), proxy.BaseUrl, "ours-consumer", World.Password,
            "admin", GridMeterApp.AdminPassword, "MTR-OURS", "fridge", world.DeviceSecrets["MTR-OURS"], "MTR-THEIRS",
        ]);
        var results = JsonDocument.Parse(output).RootElement;

        Assert.Equal(11, results.GetProperty("addAsDevice").GetProperty("inserted").GetInt32());
        Assert.Equal(2, results.GetProperty("addAsAdmin").GetProperty("duplicates").GetInt32());
        Assert.Contains("own meter id", results.GetProperty("addForOtherMeterAsDevice").GetString());
        Assert.Contains("may not", results.GetProperty("addAsConsumer").GetString());
        Assert.Contains("quarantined", results.GetProperty("addMalformed").GetString());

        var readings = results.GetProperty("readings").EnumerateArray().ToList();
        Assert.Equal(8, readings.Count);
        Assert.Equal(1500m, Number(readings[0].GetProperty("value")));
        Assert.Contains("was not found", results.GetProperty("readingsOfOtherMeter").GetString());
        Assert.Contains("after from", results.GetProperty("readingsBackwards").GetString());
        Assert.Contains("Authentication required", results.GetProperty("wrongPassword").GetString());

        var points = results.GetProperty("aggregates").GetProperty("point").EnumerateArray().ToList();
        Assert.Equal([2m, 2m], points.Select(p => Number(p.GetProperty("sum"))));
        Assert.Equal(100m, Number(points[0].GetProperty("percentOfTotal")));
        Assert.Contains("interval", results.GetProperty("aggregatesBadInterval").GetString());

        Assert.Equal("ours-consumer", results.GetProperty("customer").GetProperty("username").GetString());
        Assert.Equal(["MTR-OURS"], results.GetProperty("customer").GetProperty("meterId").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("P-OURS", results.GetProperty("customer").GetProperty("premises")[0].GetProperty("id").GetString());
        Assert.Equal(310m, Number(results.GetProperty("lastMonth").GetProperty("value")));
        Assert.Contains(results.GetProperty("devices").EnumerateArray(), d => d.GetProperty("applianceId").GetString() == "fridge");
        Assert.Contains("was not found", results.GetProperty("customerOfSomeoneElse").GetString());

        Assert.Equal(150, results.GetProperty("utilisation").GetProperty("ratedPowerW").GetInt32());
        Assert.Equal(JsonValueKind.Array, results.GetProperty("faults").ValueKind);
        Assert.Contains("Not available", results.GetProperty("switch").GetString());
        Assert.Contains("was not found", results.GetProperty("switchUnknownAppliance").GetString());
    }

    private static decimal Number(JsonElement value) => decimal.Parse(value.GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Debian's python3 with python3-zeep; skipped without it, failed under CI=true.</summary>
    public static string ZeepPython()
    {
        var python = ExternalTool.Require("python3 with zeep", "/usr/bin/python3");
        using var check = Process.Start(new ProcessStartInfo(python, ["-c", "import zeep"]) { RedirectStandardError = true })!;
        check.WaitForExit();
        if (check.ExitCode != 0)
        {
            ExternalTool.Unavailable("python3-zeep is not installed; run build/test.sh, which installs it");
        }
        return python;
    }

    private static async Task<string> RunAsync(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Cancel);
        var error = process.StandardError.ReadToEndAsync(Cancel);
        await process.WaitForExitAsync(Cancel);
        Assert.True(process.ExitCode == 0, $"zeep_client.py exited {process.ExitCode}:\n{await error}\n{await output}");
        return await output;
    }
}
