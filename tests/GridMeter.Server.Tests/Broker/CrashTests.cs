using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using GridMeter.Mqtt.Client;
using GridMeter.Mqtt.Packets;
using GridMeter.Server.Auth;
using GridMeter.Server.Meters;
using GridMeter.Testing;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace GridMeter.Server.Tests.Broker;

/// <summary>
/// Acknowledged means stored, even when the server is killed with SIGKILL in the middle of
/// ingest. The quick profile runs here; bench/ runs the long one.
/// </summary>
public sealed class CrashTests
{
    private const int Meters = 4;
    private const int ReadingsPerMeter = 25_000;
    private const int SnapshotsPerMessage = 50;

    [Fact]
    public async Task Every_acknowledged_reading_survives_repeated_sigkill_and_none_is_stored_twice()
    {
        var dataDir = Directory.CreateTempSubdirectory("gridmeter-crash-").FullName;
        var (httpPort, mqttPort) = (FreePort.Next(), FreePort.Next());
        string[] arguments = [$"--GridMeter:Mqtt:Port={mqttPort}"];
        var environment = new Dictionary<string, string> { [Accounts.FirstAdmin.PasswordVariable] = "crash-test" };
        var server = await ServerProcess.StartAsync(dataDir, arguments, environment, httpPort);
        try
        {
            var secrets = await ProvisionAsync(server);
            var start = Instant.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60 * 60) - Duration.FromMinutes(ReadingsPerMeter + 10);
            var acked = new List<(string Meter, long Ts, long Wh)>();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            var publisher = Task.Run(() => PublishAllAsync(mqttPort, secrets, start, acked, stop.Token), stop.Token);

            var random = new Random(2026);
            var kills = 0;
            while (!publisher.IsCompleted || kills < 5)
            {
                await Task.WhenAny(publisher, Task.Delay(random.Next(300, 1500), TestContext.Current.CancellationToken));
                server.Kill();
                kills++;
                await server.DisposeAsync();
                server = await ServerProcess.StartAsync(dataDir, arguments, environment, httpPort);
            }
            await publisher;
            server.Kill();

            Assert.True(kills >= 5);
            Assert.Equal(Meters * ReadingsPerMeter, acked.Count);
            AssertAllStoredOnce(dataDir, acked);
        }
        finally
        {
            await server.DisposeAsync();
            SqliteConnection.ClearAllPools();
            Directory.Delete(dataDir, recursive: true);
        }
    }

    /// <summary>Each meter publishes every batch until acknowledged, reconnecting whenever the server is gone.</summary>
    private static Task PublishAllAsync(int port, IReadOnlyList<(string Meter, string Secret)> secrets, Instant start, List<(string, long, long)> acked, CancellationToken cancellationToken) =>
        Task.WhenAll(secrets.Select((device, m) => PublishMeterAsync(port, device, m, start, acked, cancellationToken)));

    private static async Task PublishMeterAsync(int port, (string Meter, string Secret) device, int m, Instant start, List<(string, long, long)> acked, CancellationToken cancellationToken)
    {
        MqttClient? client = null;
        for (var offset = 0; offset < ReadingsPerMeter; offset += SnapshotsPerMessage)
        {
            var batch = Enumerable.Range(offset, SnapshotsPerMessage)
                .Select(i => (Ts: (start + Duration.FromMinutes(i)).ToUnixTimeSeconds(), Wh: 1_000_000L + (i * 7L) + m)).ToList();
            var payload = "{\"readings\":[" + string.Join(",", batch.Select(r =>
                $"{{\"ts\":{r.Ts * 1000},\"values\":{{\"1-0:1.8.0\":{r.Wh / 1000m}}}}}")) + "]}";
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    client ??= await ConnectAsync(port, device, cancellationToken);
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    timeout.CancelAfter(TimeSpan.FromSeconds(10));
                    var result = await client.PublishAsync(
                        new MqttMessage { Topic = $"meters/{device.Meter}/readings", Payload = Encoding.UTF8.GetBytes(payload), QualityOfService = MqttQualityOfService.AtLeastOnce },
                        timeout.Token);
                    Assert.True(result.IsSuccess, $"the server refused a valid batch: {result.ReasonCode} {result.ReasonString}");
                    lock (acked)
                    {
                        acked.AddRange(batch.Select(r => (device.Meter, r.Ts, r.Wh)));
                    }
                    break;
                }
                catch (Exception e) when (e is MqttClientException or IOException or OperationCanceledException or System.Net.Sockets.SocketException && !cancellationToken.IsCancellationRequested)
                {
                    // The server died before acknowledging: nothing is promised, so send the batch again.
                    if (client is not null)
                    {
                        await client.DisposeAsync();
                    }
                    client = null;
                    await Task.Delay(100, cancellationToken);
                }
            }
        }
        if (client is not null)
        {
            await client.DisposeAsync();
        }
    }

    private static async Task<MqttClient> ConnectAsync(int port, (string Meter, string Secret) device, CancellationToken cancellationToken)
    {
        var client = new MqttClient(new MqttClientOptions
        {
            Port = port, ClientId = device.Meter, Username = device.Meter, Password = device.Secret, AutoReconnect = false,
            ConnectTimeout = TimeSpan.FromSeconds(3),
        });
        try
        {
            await client.ConnectAsync(cancellationToken);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    private static async Task<List<(string Meter, string Secret)>> ProvisionAsync(ServerProcess server)
    {
        using var http = server.CreateClient();
        var login = await http.PostAsJsonAsync("/api/v1/auth/token", new { username = "admin", password = "crash-test" }, TestContext.Current.CancellationToken);
        var token = (await login.Content.ReadFromJsonAsync<TokenResponse>(TestContext.Current.CancellationToken))!.AccessToken;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var secrets = new List<(string, string)>();
        for (var m = 0; m < Meters; m++)
        {
            var response = await http.PostAsJsonAsync("/api/v1/meters", new { id = $"CRASH-{m}", timeZone = "Europe/Rome" }, TestContext.Current.CancellationToken);
            secrets.Add(($"CRASH-{m}", (await response.Content.ReadFromJsonAsync<MeterResponse>(TestContext.Current.CancellationToken))!.DeviceSecret!));
        }
        return secrets;
    }

    private static void AssertAllStoredOnce(string dataDir, List<(string Meter, long Ts, long Wh)> acked)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDir, "gridmeter.db")}");
        connection.Open();
        var stored = Dapper.SqlMapper.Query<(string Meter, long Ts, long Value)>(connection,
            "SELECT m.id, r.ts, r.value FROM readings r JOIN meters m ON m.key = r.meter").ToHashSet();
        var missing = acked.Where(a => !stored.Contains(a)).Take(5).ToList();
        Assert.True(missing.Count == 0, $"acknowledged but not stored: {string.Join(", ", missing)}");
        Assert.Equal(acked.Distinct().Count(), stored.Count);
    }
}
