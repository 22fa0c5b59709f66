using GridMeter.Mqtt.Packets;
using Microsoft.Data.Sqlite;

namespace GridMeter.Server.Tests.Broker;

/// <summary>When the store cannot commit, nothing is acknowledged; once it can, nothing was lost.</summary>
public sealed class BackpressureTests
{
    [Fact]
    public async Task While_the_store_is_locked_no_reading_is_acknowledged_and_afterwards_every_one_is_stored()
    {
        await using var app = await GridMeterApp.StartAsync(settings: new() { ["GridMeter:Ingest:MaxPendingMessages"] = "16" });
        var secret = await app.ProvisionAsync("MTR-1");
        await using var device = await DeviceConnection.ConnectAsync(app.MqttPort, "MTR-1", secret);
        await using var blocker = new SqliteConnection($"Data Source={Path.Combine(app.DataDir, "gridmeter.db")};Pooling=false");
        await blocker.OpenAsync(TestContext.Current.CancellationToken);
        var hold = blocker.CreateCommand();
        hold.CommandText = "BEGIN IMMEDIATE";
        await hold.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);

        var publishes = Enumerable.Range(0, 60).Select(i => device.PublishAsync(
            "meters/MTR-1/readings",
            $$$"""{"readings":[{"ts":"2026-11-22T{{{10 + (i / 60):00}}}:{{{i % 60:00}}}:00Z","values":{"1-0:1.8.0":{{{i}}}}}]}""")).ToList();
        var firstAck = Task.WhenAny(publishes);
        var stalled = await Task.WhenAny(firstAck, Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken)) != firstAck;
        hold.CommandText = "ROLLBACK";
        await hold.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        var results = await Task.WhenAll(publishes).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.True(stalled, "no PUBACK may come while nothing can be committed");
        Assert.All(results, r => Assert.True(r.IsSuccess));
        Assert.Equal(60, await app.CountAsync("readings"));
    }
}
