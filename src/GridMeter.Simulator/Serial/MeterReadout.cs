using GridMeter.Domain.Readings;
using GridMeter.Protocols;
using GridMeter.Simulator.Meters;
using NodaTime;

namespace GridMeter.Simulator.Serial;

/// <summary>
/// What a virtual meter shows on its wire at one instant: its registers (kWh) and instantaneous values
/// (kW, V, A, Hz), keyed by the OBIS codes of GridMeter.Protocols, and its local time.
/// </summary>
public sealed record MeterReadout(string MeterId, Instant At, ZonedDateTime LocalTime, IReadOnlyDictionary<Obis, decimal> Registers, IReadOnlyDictionary<Obis, decimal> Live)
{
    public static MeterReadout Of(VirtualMeter meter, Instant at)
    {
        ArgumentNullException.ThrowIfNull(meter);
        var registers = meter.SnapshotAt(at).Values.ToDictionary(v => ToObis(v.Key), v => v.Value);
        var live = meter.LiveAt(at).Values.ToDictionary(v => ToObis(v.Key), v => v.Value);
        return new MeterReadout(meter.Id, at, at.InZone(meter.Zone), registers, live);
    }

    /// <summary>Every value, registers and instantaneous, as a Modbus map or a readout lists them.</summary>
    public IReadOnlyDictionary<Obis, decimal> All()
    {
        var all = new Dictionary<Obis, decimal>(Live);
        foreach (var (obis, value) in Registers)
        {
            all[obis] = value;
        }
        return all;
    }

    public decimal Register(Obis obis) => Registers.GetValueOrDefault(obis);

    public decimal LiveValue(Obis obis) => Live.GetValueOrDefault(obis);

    private static Obis ToObis(ObisCode code) => new(code.A, code.B, code.C, code.D, code.E);
}
