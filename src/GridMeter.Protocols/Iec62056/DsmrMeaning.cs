namespace GridMeter.Protocols.Iec62056;

/// <summary>
/// Gives the lines of a telegram their meaning (DSMR 5.0.2 §6.12 table of objects): which are numbers,
/// which are text, which carry their own capture time, and the logs and sub-meters among them.
/// </summary>
internal static class DsmrMeaning
{
    public static DsmrTelegram Interpret(string header, ushort? crc, List<DsmrObject> objects, DsmrTimeZone zone)
    {
        DateTimeOffset? timestamp = null;
        var values = new List<MeterValue>();
        var texts = new Dictionary<Obis, string>();
        var failures = new List<DsmrPowerFailure>();
        var peaks = new List<DsmrDemandPeak>();
        foreach (var o in objects)
        {
            var fields = o.Fields;
            if (o.Obis is { C: 1, D: 0, E: 0 } && fields.Count == 1)
            {
                timestamp = DsmrTimestamp.TryParse(fields[0], zone, out var at) ? at : null;
            }
            else if (o.Obis is { C: 99, D: 97 })
            {
                ReadPowerFailures(fields, zone, failures);
            }
            else if (o.Obis is { C: 98, D: 1 })
            {
                ReadDemandPeaks(fields, zone, peaks);
            }
            else if (IsText(o.Obis) || (fields.Count == 1 && !o.TryGetNumber(0, out _, out _)))
            {
                var text = fields.Count == 0 ? "" : fields[0];
                texts[o.Obis] = IsHexText(o.Obis) ? DsmrField.Text(text) : text;
            }
            else if (o.Obis is { C: 24, D: 3 } && fields.Count == 7)
            {
                AddLegacyGas(o, zone, values);
            }
            else if (fields.Count == 2 && LooksLikeTimestamp(fields[0]) && o.TryGetNumber(1, out var stamped, out var unit))
            {
                // 0-n:24.2.1 (M-Bus), 1-0:1.6.0 (Belgian peak demand): capture time, then the value.
                var at = o.TryGetTimestamp(0, zone, out var t) ? t : (DateTimeOffset?)null;
                values.Add(MeterValue.FromMeter(o.Obis, stamped, unit, at));
            }
            else if (fields.Count == 1 && o.TryGetNumber(0, out var number, out var numberUnit))
            {
                values.Add(MeterValue.FromMeter(o.Obis, number, numberUnit));
            }
        }
        return new DsmrTelegram
        {
            Header = header,
            Crc = crc,
            Objects = objects,
            Timestamp = timestamp,
            Values = values,
            Texts = texts,
            PowerFailures = failures,
            DemandPeaks = peaks,
            MBusDevices = MBus(values, texts),
        };
    }

    /// <summary>Identifiers, versions, messages and status words: octet strings, never quantities.</summary>
    private static bool IsText(Obis obis) => (obis.C, obis.D) is (0, 0) or (0, 2) or (96, 1) or (96, 13) or (42, 0) or (96, 5);

    /// <summary>DSMR 5.0.2 §6.12: equipment identifiers, messages and the device name are hex octet strings.</summary>
    private static bool IsHexText(Obis obis) => (obis.C, obis.D, obis.E) is (96, 1, 0) or (96, 1, 1) or (96, 13, _) or (42, 0, 0);

    private static bool LooksLikeTimestamp(string field) =>
        field.Length == 13 && field[12] is 'S' or 'W' && !field.AsSpan(0, 12).ContainsAnyExceptInRange('0', '9');

    /// <summary>DSMR 5.0.2 §6.12: 1-0:99.97.0(count)(0-0:96.7.19)(end)(duration*s)…</summary>
    private static void ReadPowerFailures(IReadOnlyList<string> fields, DsmrTimeZone zone, List<DsmrPowerFailure> failures)
    {
        for (var i = 2; i + 1 < fields.Count; i += 2)
        {
            if (DsmrField.TryNumber(fields[i + 1], out var seconds, out _) && seconds >= 0 && seconds < (decimal)TimeSpan.MaxValue.TotalSeconds)
            {
                DateTimeOffset? end = DsmrTimestamp.TryParse(fields[i], zone, out var at) ? at : null;
                failures.Add(new DsmrPowerFailure(end, TimeSpan.FromSeconds((double)seconds)));
            }
        }
    }

    /// <summary>Fluvius e-MUCS: 0-0:98.1.0(count)(1-0:1.6.0)(1-0:1.6.0)(month)(peak time)(kW)…</summary>
    private static void ReadDemandPeaks(IReadOnlyList<string> fields, DsmrTimeZone zone, List<DsmrDemandPeak> peaks)
    {
        var captures = 1;
        while (captures < fields.Count && Obis.TryParse(fields[captures], out _))
        {
            captures++;
        }
        if (!DsmrField.TryNumber(fields.Count > 0 ? fields[0] : "", out var count, out _) || captures == 1
            || fields.Count - captures != count * 3)
        {
            return;
        }
        for (var i = captures; i + 2 < fields.Count; i += 3)
        {
            if (DsmrField.TryNumber(fields[i + 2], out var kw, out var unit))
            {
                DateTimeOffset? month = DsmrTimestamp.TryParse(fields[i], zone, out var m) ? m : null;
                DateTimeOffset? at = DsmrTimestamp.TryParse(fields[i + 1], zone, out var a) ? a : null;
                peaks.Add(new DsmrDemandPeak(month, at, UnitConversion.ToContract(kw, unit).Value));
            }
        }
    }

    /// <summary>DSMR 3.0 §5.5: 0-n:24.3.0(time)(00)(60)(1)(0-n:24.2.1)(m3) then (reading) on the next line.</summary>
    private static void AddLegacyGas(DsmrObject o, DsmrTimeZone zone, List<MeterValue> values)
    {
        if (Obis.TryParse(o.Fields[4], out var register) && o.TryGetNumber(6, out var reading, out _))
        {
            DateTimeOffset? at = o.TryGetTimestamp(0, zone, out var t) ? t : null;
            values.Add(MeterValue.FromMeter(register, reading, o.Fields[5], at));
        }
    }

    private static List<DsmrMBusDevice> MBus(List<MeterValue> values, Dictionary<Obis, string> texts)
    {
        var channels = new SortedSet<byte>();
        foreach (var v in values)
        {
            if (v.Obis is { A: 0, B: > 0, C: 24 })
            {
                channels.Add(v.Obis.B);
            }
        }
        var devices = new List<DsmrMBusDevice>();
        foreach (var channel in channels)
        {
            int? type = null;
            MeterValue? reading = null;
            foreach (var v in values)
            {
                if (v.Obis.A == 0 && v.Obis.B == channel && v.Obis.C == 24)
                {
                    type = v.Obis is { D: 1, E: 0 } && v.Value is >= 0 and <= 255 ? (int)v.Value : type;
                    reading = v.Obis.D is 2 ? v : reading;
                }
            }
            var id = texts.GetValueOrDefault(new Obis(0, channel, 96, 1, 0)) ?? texts.GetValueOrDefault(new Obis(0, channel, 96, 1, 1));
            devices.Add(new DsmrMBusDevice(channel, type, id, reading));
        }
        return devices;
    }
}
