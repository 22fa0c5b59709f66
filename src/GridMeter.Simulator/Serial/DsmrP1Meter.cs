using GridMeter.Protocols;
using GridMeter.Protocols.Iec62056;
using GridMeter.Simulator.Meters;

namespace GridMeter.Simulator.Serial;

/// <summary>
/// A DSMR 5 smart meter's P1 port: pushes a telegram every <see cref="Interval"/> (one second in
/// DSMR 5.0.2 §6.1) without being asked, with tariff registers, powers, voltage and current.
/// </summary>
public sealed class DsmrP1Meter(VirtualMeter meter, TimeProvider clock) : ISerialMeter
{
    private static readonly Obis Version = new(1, 3, 0, 2, 8);
    private static readonly Obis Timestamp = new(0, 0, 1, 0, 0);
    private static readonly Obis EquipmentId = new(0, 0, 96, 1, 1);
    private static readonly Obis TariffIndicator = new(0, 0, 96, 14, 0);

    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    public async Task RunAsync(Stream wire, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wire);
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            var telegram = Telegram(MeterReadout.Of(meter, NodaTime.Instant.FromDateTimeOffset(clock.GetUtcNow())));
            await wire.WriteAsync(telegram, cancellationToken);
            await wire.FlushAsync(cancellationToken);
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));
    }

    public static byte[] Telegram(MeterReadout readout)
    {
        ArgumentNullException.ThrowIfNull(readout);
        var local = readout.LocalTime;
        var summer = local.Offset > local.Zone.GetZoneInterval(local.ToInstant()).StandardOffset;
        var (day, night) = readout.Registers.ContainsKey(new Obis(1, 0, 1, 8, 1))
            ? (readout.Register(new Obis(1, 0, 1, 8, 1)), readout.Register(new Obis(1, 0, 1, 8, 2)))
            : (readout.Register(new Obis(1, 0, 1, 8, 0)), 0m);
        var builder = new DsmrTelegramBuilder("GMS5\\2GridMeter-P1")
            .Add(Version, "50")
            .Add(Timestamp, local.ToString("yyMMddHHmmss", null) + (summer ? "S" : "W"))
            .AddText(EquipmentId, readout.MeterId)
            .AddValue(new Obis(1, 0, 1, 8, 1), day, "kWh", 6, 3)
            .AddValue(new Obis(1, 0, 1, 8, 2), night, "kWh", 6, 3)
            .AddValue(new Obis(1, 0, 2, 8, 1), readout.Register(new Obis(1, 0, 2, 8, 0)), "kWh", 6, 3)
            .AddValue(new Obis(1, 0, 2, 8, 2), 0m, "kWh", 6, 3)
            .Add(TariffIndicator, "0001")
            .AddValue(new Obis(1, 0, 1, 7, 0), Math.Round(readout.LiveValue(new Obis(1, 0, 1, 7, 0)), 3), "kW", 2, 3)
            .AddValue(new Obis(1, 0, 2, 7, 0), Math.Round(readout.LiveValue(new Obis(1, 0, 2, 7, 0)), 3), "kW", 2, 3)
            .AddValue(new Obis(1, 0, 32, 7, 0), Math.Round(readout.LiveValue(new Obis(1, 0, 32, 7, 0)), 1), "V", 3, 1)
            .AddValue(new Obis(1, 0, 31, 7, 0), Math.Round(readout.LiveValue(new Obis(1, 0, 31, 7, 0)), 0), "A", 3, 0);
        return builder.ToArray();
    }
}
