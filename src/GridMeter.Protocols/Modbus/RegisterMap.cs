namespace GridMeter.Protocols.Modbus;

/// <summary>
/// A meter model's register layout as data: which function reads it, and the entries. It plans the reads
/// (few requests, none longer than the meter allows), turns registers into GridMeter values, and for a
/// virtual meter turns values back into registers.
/// </summary>
public sealed record RegisterMap(string Name, ModbusFunction Function, IReadOnlyList<RegisterMapEntry> Entries, int MaxRegistersPerRead = 80)
{
    /// <summary>Requests covering every entry; gaps up to <paramref name="maxGap"/> registers are read through.</summary>
    public IReadOnlyList<RegisterBlock> ReadPlan(int maxGap = 16)
    {
        var blocks = new List<RegisterBlock>();
        int start = -1, end = -1;
        foreach (var entry in Entries.OrderBy(e => e.Address))
        {
            if (start >= 0 && (entry.Address - end > maxGap || entry.End - start > MaxRegistersPerRead))
            {
                blocks.Add(new RegisterBlock((ushort)start, (ushort)(end - start)));
                start = -1;
            }
            start = start < 0 ? entry.Address : start;
            end = Math.Max(end, entry.End);
        }
        if (start >= 0)
        {
            blocks.Add(new RegisterBlock((ushort)start, (ushort)(end - start)));
        }
        return blocks;
    }

    /// <summary>The values of every entry inside the registers read from <paramref name="start"/>; NaN and ±∞ are skipped.</summary>
    public List<MeterValue> Decode(ushort start, ReadOnlySpan<ushort> registers, DateTimeOffset? timestamp = null)
    {
        var values = new List<MeterValue>();
        foreach (var entry in Entries)
        {
            var offset = entry.Address - start;
            if (offset < 0 || offset + entry.Registers > registers.Length || RegisterValue.Read(entry.Format, registers[offset..]) is not { } raw)
            {
                continue;
            }
            var value = MeterValue.FromMeter(entry.Obis, raw * entry.Scale, entry.Unit, timestamp);
            if (entry.ExportObis is { } export)
            {
                values.Add(value with { Value = Math.Max(value.Value, 0m) });
                values.Add(value with { Obis = export, Value = Math.Max(-value.Value, 0m) });
            }
            else
            {
                values.Add(value);
            }
        }
        return values;
    }

    /// <summary>
    /// Fills registers from <paramref name="start"/> with values given in GridMeter units (what a virtual
    /// meter answers); registers of entries without a value, and between entries, are zero.
    /// </summary>
    public void Encode(ushort start, Span<ushort> registers, IReadOnlyDictionary<Obis, decimal> values)
    {
        registers.Clear();
        foreach (var entry in Entries)
        {
            var offset = entry.Address - start;
            if (offset < 0 || offset + entry.Registers > registers.Length || !values.TryGetValue(entry.Obis, out var value))
            {
                continue;
            }
            if (entry.ExportObis is { } export)
            {
                value -= values.GetValueOrDefault(export);
            }
            // The inverse of the W → kW conversion on the way in: a virtual SDM630 reports watts.
            var perMeterUnit = UnitConversion.ToContract(1m, entry.Unit).Value;
            RegisterValue.Write(entry.Format, value / perMeterUnit / entry.Scale, registers[offset..]);
        }
    }

    public RegisterMapEntry? Find(Obis obis) => Entries.FirstOrDefault(e => e.Obis == obis || e.ExportObis == obis);
}
