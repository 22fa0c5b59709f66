using System.Net.Http.Json;
using System.Text;
using GridMeter.Server.Cluster;
using GridMeter.Server.Devices;
using GridMeter.Server.Firmware;
using GridMeter.Server.Live;
using GridMeter.Server.Outages;
using GridMeter.Server.Reports;
using GridMeter.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace GridMeter.Server.Tests.Cluster;

/// <summary>Two server nodes on one PostgreSQL database behave as one installation.</summary>
public sealed class ClusterTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_live_value_consumed_by_one_node_reaches_an_sse_client_and_get_live_of_the_other()
    {
        await using var cluster = await TwoNodes.StartAsync();
        await cluster.A.ProvisionAsync("MTR-1");
        using var adminB = await cluster.B.AdminAsync();
        using var stream = await adminB.GetStreamAsync("/api/v1/meters/MTR-1/live/stream", Cancel);
        using var reader = new StreamReader(stream);
        Assert.Contains("\"ts\":null", await NextSseDataAsync(reader, "live"));

        await cluster.A.Services.GetRequiredService<DeviceMessages>().HandleAsync(
            "meters/MTR-1/live", Encoding.UTF8.GetBytes("""{"ts":"2026-11-22T11:59:59Z","values":{"1-0:1.7.0":0.42,"1-0:32.7.0":231.2}}"""), Cancel);

        Assert.Contains("\"1-0:1.7.0\":0.42", await NextSseDataAsync(reader, "live"));
        var latest = await adminB.GetFromJsonAsync<LiveResponse>("/api/v1/meters/MTR-1/live", Cancel);
        Assert.Equal(231.2m, latest!.Values["1-0:32.7.0"]);
    }

    [Fact]
    public async Task A_command_accepted_by_one_node_shows_on_the_command_stream_of_the_other()
    {
        await using var cluster = await TwoNodes.StartAsync();
        await cluster.A.ProvisionAsync("MTR-1");
        using var adminA = await cluster.A.AdminAsync();
        using var adminB = await cluster.B.AdminAsync();
        using var stream = await adminB.GetStreamAsync("/api/v1/meters/MTR-1/commands/stream", Cancel);
        using var reader = new StreamReader(stream);
        await NextSseDataAsync(reader, "heartbeat");

        var sent = await adminA.PostAsJsonAsync("/api/v1/meters/MTR-1/commands", new { command = "read_registers", parameters = new { obis = new[] { "1-0:1.8.0" } } }, Cancel);
        sent.EnsureSuccessStatusCode();

        Assert.Contains("\"command\":\"read_registers\"", await NextSseDataAsync(reader, "command"));
    }

    [Fact]
    public async Task A_message_larger_than_notify_takes_travels_as_a_row()
    {
        await using var cluster = await TwoNodes.StartAsync();
        var heard = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.B.Services.GetRequiredService<IClusterBus>().Subscribe("test", payload => heard.TrySetResult(payload));
        var large = new string('x', 20_000) + "é";

        cluster.A.Services.GetRequiredService<IClusterBus>().Publish("test", large);

        Assert.Equal(large, await heard.Task.WaitAsync(TimeSpan.FromSeconds(10), Cancel));
    }

    [Fact]
    public async Task Each_job_round_runs_on_one_node_and_the_other_takes_over_when_the_lease_expires()
    {
        await using var cluster = await TwoNodes.StartAsync();
        var reportsA = cluster.A.Services.GetRequiredService<ReportJob>();
        var reportsB = cluster.B.Services.GetRequiredService<ReportJob>();
        var firmwareA = cluster.A.Services.GetRequiredService<FirmwareJob>();
        var firmwareB = cluster.B.Services.GetRequiredService<FirmwareJob>();

        Assert.Single(new[] { await reportsA.RunOnceAsync(Cancel), await reportsB.RunOnceAsync(Cancel) }, ran => ran);
        Assert.Single(new[] { await firmwareA.RunOnceAsync(Cancel), await firmwareB.RunOnceAsync(Cancel) }, ran => ran);
        var holderIsA = await reportsA.RunOnceAsync(Cancel);
        var (holder, other) = holderIsA ? (cluster.A, cluster.B) : (cluster.B, cluster.A);

        // The holder stops renewing (as if it died); the other node's clock passes the lease's end.
        other.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.True(await other.Services.GetRequiredService<ReportJob>().RunOnceAsync(Cancel));
        Assert.False(await holder.Services.GetRequiredService<ReportJob>().RunOnceAsync(Cancel));
    }

    [Fact]
    public async Task The_login_limit_holds_across_nodes()
    {
        await using var cluster = await TwoNodes.StartAsync(new() { ["GridMeter:RateLimits:LoginPerMinute"] = "3" });
        using var a = cluster.A.CreateClient();
        using var b = cluster.B.CreateClient();

        var answers = new List<int>();
        foreach (var client in new[] { a, b, a, b })
        {
            answers.Add((int)(await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "admin", password = "guess" }, Cancel)).StatusCode);
        }

        Assert.Equal([401, 401, 401, 429], answers);
    }

    [Fact]
    public async Task A_meter_one_node_saw_go_down_is_restored_by_the_node_that_hears_it_again()
    {
        await using var cluster = await TwoNodes.StartAsync();
        await cluster.A.ProvisionAsync("MTR-1");
        var detectorA = cluster.A.Services.GetRequiredService<OutageDetector>();
        var detectorB = cluster.B.Services.GetRequiredService<OutageDetector>();
        var meter = (await detectorA.FindMeterAsync(await MeterKeyAsync(cluster.A, "MTR-1"), Cancel))!;
        await detectorB.DownAsync(Cancel); // B has loaded the (empty) state before A sees anything

        await detectorA.MeterDownAsync(meter, NodaTime.Instant.FromDateTimeOffset(cluster.A.Clock.GetUtcNow()), OutageCause.PowerDown, Cancel);
        await Eventually.Async(() => Task.FromResult(detectorB.IsDown(meter.Key)), down => down, "node B to learn that MTR-1 went down");
        await cluster.B.Services.GetRequiredService<DeviceMessages>().HandleAsync(
            "meters/MTR-1/live", Encoding.UTF8.GetBytes("""{"ts":"2026-11-22T12:00:00Z","values":{"1-0:1.7.0":0.4}}"""), Cancel);

        Assert.Equal(0, await cluster.A.CountAsync("outage_meters WHERE restored_at IS NULL"));
        await Eventually.Async(() => Task.FromResult(detectorA.IsDown(meter.Key)), down => !down, "node A to learn that MTR-1 is back");
    }

    [Fact]
    public async Task What_one_node_protects_for_a_portal_cookie_the_other_reads()
    {
        await using var cluster = await TwoNodes.StartAsync();
        var sealedByA = cluster.A.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("cluster-test").Protect("signed in");

        Assert.Equal("signed in", cluster.B.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("cluster-test").Unprotect(sealedByA));
    }

    private static async Task<long> MeterKeyAsync(GridMeterApp app, string id) =>
        (await app.Services.GetRequiredService<GridMeter.Server.Meters.MeterDirectory>().FindAsync(id, Cancel))!.Key;

    private static async Task<string> NextSseDataAsync(StreamReader reader, string eventType)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var current = "";
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                current = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && current == eventType)
            {
                return line["data: ".Length..];
            }
        }
        throw new InvalidOperationException($"the stream ended before a '{eventType}' event");
    }
}
