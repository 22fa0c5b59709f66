using System.Net.Http.Json;
using System.Text;
using GridMeter.Server.Commands;
using GridMeter.Server.Devices;
using Microsoft.Extensions.DependencyInjection;

namespace GridMeter.Server.Tests.Devices;

/// <summary>Meter health lists: who is silent, on which firmware, with what signal and how commands went.</summary>
public sealed class DeviceHealthTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Lists_meters_silent_for_more_than_a_day_by_firmware_and_signal_with_their_command_success_rate()
    {
        await using var app = await GridMeterApp.StartAsync();
        foreach (var id in new[] { "MTR-1", "MTR-2", "MTR-3" })
        {
            await app.ProvisionAsync(id);
        }
        var messages = app.Services.GetRequiredService<DeviceMessages>();
        await StatusAsync(messages, "MTR-2", """{"online":true,"firmware":"1.4.2","relay":"closed","rssi":-60}""");
        app.Clock.Advance(TimeSpan.FromDays(2));
        await StatusAsync(messages, "MTR-1", """{"online":true,"firmware":"1.0.0","relay":"closed","rssi":-95}""");
        var commands = app.Services.GetRequiredService<MeterCommands>();
        var admin = CommandRequester.System("tests");
        var answered = await commands.RequestAsync("MTR-1", "set_time", System.Text.Json.JsonDocument.Parse("{}").RootElement, null, admin, app.Clock.GetUtcNow().AddMinutes(5), Cancel);
        await commands.RequestAsync("MTR-1", "set_time", System.Text.Json.JsonDocument.Parse("{}").RootElement, null, admin, app.Clock.GetUtcNow().AddMinutes(5), Cancel);
        await messages.HandleAsync($"meters/MTR-1/commands/{answered.Command!.Id}/result", Encoding.UTF8.GetBytes("""{"status":"succeeded"}"""), Cancel);
        app.Clock.Advance(TimeSpan.FromMinutes(6));
        await commands.ExpireDueAsync(Cancel);
        using var client = await app.AdminAsync();

        Assert.Equal(["MTR-2", "MTR-3"], await IdsAsync(client, "offlineForHours=24"));
        Assert.Equal(["MTR-1"], await IdsAsync(client, "firmware=1.0.0"));
        Assert.Equal(["MTR-1"], await IdsAsync(client, "maxRssi=-90"));
        var one = (await client.GetFromJsonAsync<MeterHealthList>("/api/v1/device-health?firmware=1.0.0", Cancel))!.Items.Single();
        Assert.Equal((2, 1, 0.5, (bool?)true), (one.CommandsFinished, one.CommandsSucceeded, one.CommandSuccessRate, one.Online));
    }

    private static async Task<List<string>> IdsAsync(HttpClient client, string query) =>
        [.. (await client.GetFromJsonAsync<MeterHealthList>($"/api/v1/device-health?{query}", Cancel))!.Items.Select(i => i.MeterId)];

    private static async Task StatusAsync(DeviceMessages messages, string meterId, string payload) =>
        Assert.True((await messages.HandleAsync($"meters/{meterId}/status", Encoding.UTF8.GetBytes(payload), Cancel)).IsAccepted);
}
