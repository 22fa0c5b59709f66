using System.Net.Http.Json;
using GridMeter.Domain.Readings;
using GridMeter.Server.Consumption;
using GridMeter.Simulator.Households;
using GridMeter.Simulator.Meters;
using GridMeter.Simulator.Wire;
using NodaTime;

namespace GridMeter.Server.Tests.Broker;

/// <summary>A meter back after a week offline sends its backlog, after its current data.</summary>
public sealed class BacklogTests
{
    private static readonly DateTimeZone Rome = DateTimeZoneProviders.Tzdb["Europe/Rome"];
    private static readonly Duration Quarter = Duration.FromMinutes(15);

    [Fact]
    public async Task A_seven_day_backlog_lands_in_the_right_intervals_and_totals_equal_the_register_differences()
    {
        await using var app = await GridMeterApp.StartAsync(now: new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        var secret = await app.ProvisionAsync("MTR-1", "Europe/Rome");
        var household = Household.Create(HouseholdArchetype.FamilyWithChildren, 42, Premises.In(Rome));
        var meter = new VirtualMeter(new MeterSetup("MTR-1", household, Instant.FromUtc(2026, 10, 1, 0, 0)));
        await using var device = await DeviceConnection.ConnectAsync(app.MqttPort, "MTR-1", secret);
        var days = Enumerable.Range(0, 12).Select(d => new LocalDate(2026, 11, 10).PlusDays(d)).ToList();

        foreach (var day in days.Take(4))
        {
            await SendAsync(device, meter.SnapshotsOfDay(day, Quarter));
        }
        // Back online: today's data first, then the week it missed, in one large message and newest first.
        await SendAsync(device, [.. meter.SnapshotsOfDay(days[11], Quarter), meter.SnapshotAt(Rome.AtStartOfDay(days[11].PlusDays(1)).ToInstant())]);
        await SendAsync(device, [.. days.Skip(4).Take(7).Reverse().SelectMany(d => meter.SnapshotsOfDay(d, Quarter))]);

        using var admin = await app.AdminAsync();
        var daily = await admin.GetFromJsonAsync<ConsumptionResponse>(
            "/api/v1/meters/MTR-1/consumption?from=2026-11-10&to=2026-11-22&interval=day", TestContext.Current.CancellationToken);
        Assert.Equal(12, daily!.Points.Count);
        for (var i = 0; i < days.Count; i++)
        {
            var expected = Register(meter, Rome.AtStartOfDay(days[i].PlusDays(1))) - Register(meter, Rome.AtStartOfDay(days[i]));
            Assert.Equal((days[i], expected, "actual"), (days[i], daily.Points[i].Value!.Value, daily.Points[i].Quality));
        }
        var quarters = await admin.GetFromJsonAsync<ConsumptionResponse>(
            "/api/v1/meters/MTR-1/consumption?from=2026-11-14&to=2026-11-21&interval=15m", TestContext.Current.CancellationToken);
        Assert.Equal(7 * 96, quarters!.Points.Count);
        Assert.All(quarters.Points, p => Assert.Equal("actual", p.Quality));
        Assert.Equal(daily.Points.Skip(4).Take(7).Sum(p => p.Value), quarters.Points.Sum(p => p.Value));
    }

    private static decimal Register(VirtualMeter meter, ZonedDateTime at) => meter.SnapshotAt(at.ToInstant()).Values[ObisCode.ActiveImport];

    private static async Task SendAsync(DeviceConnection device, IReadOnlyList<RegisterSnapshot> snapshots)
    {
        foreach (var chunk in snapshots.Chunk(1000))
        {
            var ack = await device.Client.PublishAsync(new Mqtt.Packets.MqttMessage
            {
                Topic = "meters/MTR-1/readings",
                Payload = MeterPayloads.Readings(chunk),
                QualityOfService = Mqtt.Packets.MqttQualityOfService.AtLeastOnce,
            }, TestContext.Current.CancellationToken);
            Assert.True(ack.IsSuccess, $"{ack.ReasonCode} {ack.ReasonString}");
        }
    }
}
