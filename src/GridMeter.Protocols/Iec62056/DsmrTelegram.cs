namespace GridMeter.Protocols.Iec62056;

/// <summary>
/// A parsed P1 telegram. <see cref="Objects"/> keeps every line as written; the other members say what
/// the lines mean: numeric <see cref="Values"/> in GridMeter units, decoded <see cref="Texts"/>
/// (equipment ids, messages, versions), the power-failure log, the monthly demand peaks and the M-Bus
/// sub-meters.
/// </summary>
public sealed record DsmrTelegram
{
    /// <summary>The identification line after "/": manufacturer (3 letters), baud-rate digit, meter type.</summary>
    public required string Header { get; init; }

    /// <summary>The CRC the meter sent (checked), or null for DSMR 2.2/3 and EasyMeter telegrams.</summary>
    public ushort? Crc { get; init; }

    public required IReadOnlyList<DsmrObject> Objects { get; init; }

    /// <summary>When the meter made the telegram (0-0:1.0.0), when it says so.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    public required IReadOnlyList<MeterValue> Values { get; init; }

    public required IReadOnlyDictionary<Obis, string> Texts { get; init; }

    public required IReadOnlyList<DsmrPowerFailure> PowerFailures { get; init; }

    public required IReadOnlyList<DsmrDemandPeak> DemandPeaks { get; init; }

    public required IReadOnlyList<DsmrMBusDevice> MBusDevices { get; init; }

    public string Manufacturer => Header.Length >= 3 ? Header[..3] : Header;

    /// <summary>The P1 version: 1-3:0.2.8 ("50" = DSMR 5.0), or Fluvius' 0-0:96.1.4 ("50217").</summary>
    public string? Version => Texts.GetValueOrDefault(new Obis(1, 3, 0, 2, 8)) ?? Texts.GetValueOrDefault(new Obis(0, 0, 96, 1, 4));

    /// <summary>The electricity meter's equipment identifier (0-0:96.1.1, or 0-0:96.1.0 on older meters).</summary>
    public string? EquipmentId => Texts.GetValueOrDefault(new Obis(0, 0, 96, 1, 1)) ?? Texts.GetValueOrDefault(new Obis(0, 0, 96, 1, 0));

    public bool TryGetValue(Obis obis, out MeterValue value)
    {
        foreach (var candidate in Values)
        {
            if (candidate.Obis == obis)
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }
}
