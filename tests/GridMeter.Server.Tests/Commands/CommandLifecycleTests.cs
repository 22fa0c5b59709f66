using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridMeter.Server.Commands;
using GridMeter.Server.Meters;
using GridMeter.Server.Tests.Broker;
using GridMeter.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GridMeter.Server.Tests.Commands;

/// <summary>Commands to meters played by outside MQTT clients: delivered, answered, kept for an offline meter, expired.</summary>
public sealed class CommandLifecycleTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string?> FastJob = new() { ["GridMeter:Commands:JobSeconds"] = "1" };

    [Theory]
    [InlineData("3")]
    [InlineData("5")]
    public async Task A_paho_meter_receives_a_disconnect_and_its_answer_succeeds_the_command_and_opens_the_relay_shown(string version)
    {
        await using var app = await GridMeterApp.StartAsync(settings: FastJob);
        var secret = await app.ProvisionAsync("MTR-1");
        using var admin = await app.AdminAsync();
        await using var meter = OutsideMeter.Paho(app.MqttPort, "MTR-1", secret, version, "succeeded");
        await meter.LineAsync("subscribed");

        var sent = await SendAsync(admin, "MTR-1", new { command = "disconnect", parameters = new { }, reason = "unpaid since October" });
        var answered = await meter.LineAsync("answered");

        Assert.StartsWith($"answered disconnect {sent.Id} {sent.ExpiresAt.UtcDateTime:yyyy-MM-ddTHH:mm:ss}", answered, StringComparison.Ordinal);
        var done = await StatusAsync(admin, sent.Id, "succeeded");
        Assert.Equal("open", done.Result!.Value.GetProperty("relay").GetString());
        var shown = await admin.GetFromJsonAsync<MeterResponse>("/api/v1/meters/MTR-1", Cancel);
        Assert.Equal("open", shown!.Status!.Relay);
        Assert.Equal(0, await meter.ExitCodeAsync());
    }

    [Fact]
    public async Task A_rejected_answer_rejects_the_command_and_leaves_the_relay_as_the_meter_last_reported()
    {
        await using var app = await GridMeterApp.StartAsync(settings: FastJob);
        var secret = await app.ProvisionAsync("MTR-1");
        using var admin = await app.AdminAsync();
        await using var meter = OutsideMeter.Paho(app.MqttPort, "MTR-1", secret, "5", "rejected");
        await meter.LineAsync("subscribed");

        var sent = await SendAsync(admin, "MTR-1", new { command = "reconnect", reason = "paid" });
        await meter.LineAsync("answered");

        await StatusAsync(admin, sent.Id, "rejected");
        var shown = await admin.GetFromJsonAsync<MeterResponse>("/api/v1/meters/MTR-1", Cancel);
        Assert.Null(shown!.Status?.Relay);
    }

    [Theory]
    [InlineData(StorageBackend.Sqlite)]
    [InlineData(StorageBackend.Postgres)]
    public async Task An_offline_meter_gets_its_command_when_it_returns_before_expiry_and_its_answer_counts(StorageBackend storage)
    {
        await using var app = await GridMeterApp.StartAsync(storage, settings: FastJob);
        var secret = await app.ProvisionAsync("MTR-1");
        using var admin = await app.AdminAsync();

        var sent = await SendAsync(admin, "MTR-1", new { command = "read_registers", parameters = new { obis = new[] { "1-0:1.8.0" } } });
        Assert.Equal("pending", sent.Status);
        app.Clock.Advance(TimeSpan.FromMinutes(30));
        await using var meter = OutsideMeter.MosquittoSub(app.MqttPort, "MTR-1", secret);
        var received = JsonDocument.Parse(await meter.LineAsync("{")).RootElement;

        Assert.Equal(sent.Id, received.GetProperty("id").GetString());
        Assert.Equal("read_registers", received.GetProperty("command").GetString());
        Assert.Equal("1-0:1.8.0", received.GetProperty("parameters").GetProperty("obis")[0].GetString());
        await StatusAsync(admin, sent.Id, "sent");
        await using var answer = await DeviceConnection.ConnectAsync(app.MqttPort, "MTR-1", secret);
        await answer.PublishAsync($"meters/MTR-1/commands/{sent.Id}/result", """{"status":"succeeded","result":{"1-0:1.8.0":1234.5}}""");
        var done = await StatusAsync(admin, sent.Id, "succeeded");
        Assert.Equal(1234.5, done.Result!.Value.GetProperty("1-0:1.8.0").GetDouble());
    }

    [Theory]
    [InlineData(StorageBackend.Sqlite)]
    [InlineData(StorageBackend.Postgres)]
    public async Task A_meter_offline_past_expiry_never_gets_the_command_and_it_expires(StorageBackend storage)
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        var secret = await app.ProvisionAsync("MTR-1");
        using var admin = await app.AdminAsync();
        var sent = await SendAsync(admin, "MTR-1", new { command = "set_time", expiresAt = app.Clock.GetUtcNow().AddMinutes(10) });

        app.Clock.Advance(TimeSpan.FromMinutes(11));
        await app.Services.GetRequiredService<CommandsJob>().RunOnceAsync(Cancel);
        await using var meter = await DeviceConnection.ConnectAsync(app.MqttPort, "MTR-1", secret);
        await meter.Client.SubscribeAsync("meters/MTR-1/commands", Mqtt.Packets.MqttQualityOfService.AtLeastOnce, Cancel);
        await meter.PublishAsync("meters/MTR-1/status", """{"online":true}""");
        await app.Services.GetRequiredService<CommandsJob>().RunOnceAsync(Cancel);

        var next = await SendAsync(admin, "MTR-1", new { command = "read_registers" });

        var expired = await admin.GetFromJsonAsync<CommandResponse>($"/api/v1/commands/{sent.Id}", Cancel);
        Assert.Equal("expired", expired!.Status);
        // Commands go out oldest first: the first the meter sees is the one sent after, so the expired one never went.
        var first = JsonDocument.Parse((await meter.NextAsync("the later command")).Payload).RootElement;
        Assert.Equal(next.Id, first.GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_late_answer_to_an_expired_command_changes_nothing_and_an_unknown_command_is_refused()
    {
        await using var app = await GridMeterApp.StartAsync();
        var secret = await app.ProvisionAsync("MTR-1");
        using var admin = await app.AdminAsync();
        var sent = await SendAsync(admin, "MTR-1", new { command = "set_time", expiresAt = app.Clock.GetUtcNow().AddMinutes(10) });
        app.Clock.Advance(TimeSpan.FromMinutes(11));
        await app.Services.GetRequiredService<CommandsJob>().RunOnceAsync(Cancel);

        await using var meter = await DeviceConnection.ConnectAsync(app.MqttPort, "MTR-1", secret);
        var late = await meter.PublishAsync($"meters/MTR-1/commands/{sent.Id}/result", """{"status":"succeeded"}""");
        var unknown = await meter.PublishAsync("meters/MTR-1/commands/cmd-000000000000000000000000/result", """{"status":"succeeded"}""");

        Assert.Equal(Mqtt.Packets.MqttReasonCode.Success, late.ReasonCode);
        Assert.Equal(Mqtt.Packets.MqttReasonCode.PayloadFormatInvalid, unknown.ReasonCode);
        Assert.Equal("expired", (await admin.GetFromJsonAsync<CommandResponse>($"/api/v1/commands/{sent.Id}", Cancel))!.Status);
    }

    [Fact]
    public async Task Status_changes_arrive_on_the_meters_command_stream()
    {
        await using var app = await GridMeterApp.StartAsync();
        var secret = await app.ProvisionAsync("MTR-1");
        using var admin = await app.AdminAsync();
        using var stream = await admin.GetStreamAsync("/api/v1/meters/MTR-1/commands/stream", Cancel);
        using var reader = new StreamReader(stream);
        await using var meter = await DeviceConnection.ConnectAsync(app.MqttPort, "MTR-1", secret);
        await meter.Client.SubscribeAsync("meters/MTR-1/commands", Mqtt.Packets.MqttQualityOfService.AtLeastOnce, Cancel);

        var sent = await SendAsync(admin, "MTR-1", new { command = "read_registers" });
        await meter.NextAsync("the command");
        await meter.PublishAsync($"meters/MTR-1/commands/{sent.Id}/result", """{"status":"failed","result":{"error":"busy"}}""");

        var statuses = new List<string>();
        while (statuses.LastOrDefault() != "failed")
        {
            var line = await reader.ReadLineAsync(Cancel);
            if (line is not null && line.StartsWith("data: {", StringComparison.Ordinal))
            {
                statuses.Add(JsonDocument.Parse(line["data: ".Length..]).RootElement.GetProperty("status").GetString()!);
            }
        }
        Assert.Equal(["pending", "sent", "failed"], statuses);
    }

    [Fact]
    public async Task Malformed_commands_are_refused_with_problem_documents()
    {
        await using var app = await GridMeterApp.StartAsync();
        await app.ProvisionAsync("MTR-1");
        using var admin = await app.AdminAsync();

        foreach (var body in new object[]
        {
            new { command = "explode" },
            new { command = "disconnect" },
            new { command = "appliance_on", parameters = new { applianceId = "nope" } },
            new { command = "firmware_update", parameters = new { url = "ftp://x" } },
            new { command = "set_time", expiresAt = app.Clock.GetUtcNow().AddDays(-1) },
        })
        {
            var response = await admin.PostAsJsonAsync("/api/v1/meters/MTR-1/commands", body, Cancel);
            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden, $"{JsonSerializer.Serialize(body)}: {response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(0, await app.CountAsync("commands"));
    }

    internal static async Task<CommandResponse> SendAsync(HttpClient client, string meterId, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/meters/{meterId}/commands", body, Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"POST commands answered {(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<CommandResponse>(text, JsonSerializerOptions.Web)!;
    }

    internal static Task<CommandResponse> StatusAsync(HttpClient client, string commandId, string status) =>
        Eventually.Async(
            async () => (await client.GetFromJsonAsync<CommandResponse>($"/api/v1/commands/{commandId}", Cancel))!,
            c => c.Status == status,
            $"command {commandId} {status}");
}
