using System.Collections.Concurrent;
using GridMeter.Gateway.Drivers;
using GridMeter.Protocols;

namespace GridMeter.Gateway.Local;

/// <summary>
/// The latest sample of every meter, and each meter's net register at the start of the current hour:
/// what the register snapshots, the archive, the local page and the advice read.
/// </summary>
public sealed class LiveBoard
{
    private static readonly Obis Import = new(1, 0, 1, 8, 0);
    private static readonly Obis Export = new(1, 0, 2, 8, 0);
    private readonly ConcurrentDictionary<string, MeterSample> _latest = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (DateTimeOffset Hour, decimal NetKwh)> _hourStart = new(StringComparer.Ordinal);

    public void Update(MeterSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        _latest[sample.MeterId] = sample;
        if (Net(sample) is { } net)
        {
            var hour = new DateTimeOffset(sample.At.UtcDateTime.Ticks / TimeSpan.TicksPerHour * TimeSpan.TicksPerHour, TimeSpan.Zero);
            _hourStart.AddOrUpdate(sample.MeterId, (hour, net), (_, old) => old.Hour == hour ? old : (hour, net));
        }
    }

    public IReadOnlyList<MeterSample> Latest() => _latest.Values.OrderBy(s => s.MeterId, StringComparer.Ordinal).ToList();

    /// <summary>Site net energy now and at the start of the hour of <paramref name="now"/>; null unless every reporting meter saw that hour start.</summary>
    public (decimal? AtHourStart, decimal? Now) SiteNet(DateTimeOffset now)
    {
        var hour = new DateTimeOffset(now.UtcDateTime.Ticks / TimeSpan.TicksPerHour * TimeSpan.TicksPerHour, TimeSpan.Zero);
        decimal start = 0, current = 0;
        var complete = true;
        foreach (var sample in _latest.Values)
        {
            if (Net(sample) is not { } net)
            {
                continue;
            }
            current += net;
            complete &= _hourStart.TryGetValue(sample.MeterId, out var mark) && mark.Hour == hour;
            start += complete ? mark.NetKwh : 0;
        }
        return _latest.IsEmpty ? (null, null) : (complete ? start : null, current);
    }

    /// <summary>The registers of a sample (C.8.E), with the totals 1.8.0 and 2.8.0 added as the sum of the tariff registers when a meter sends only those (CONTRACT section 2).</summary>
    public static Dictionary<Obis, decimal> Registers(MeterSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var registers = new Dictionary<Obis, decimal>();
        foreach (var value in sample.Values.Where(v => v.Obis.D == 8 && v.Obis.A == 1))
        {
            registers[value.Obis.Current] = value.Value;
        }
        foreach (var total in new[] { Import, Export })
        {
            var tariffs = registers.Where(r => r.Key.C == total.C && r.Key.E > 0).ToList();
            if (!registers.ContainsKey(total) && tariffs.Count > 0)
            {
                registers[total] = tariffs.Sum(r => r.Value);
            }
        }
        return registers;
    }

    private static decimal? Net(MeterSample sample)
    {
        var registers = Registers(sample);
        return registers.TryGetValue(Import, out var import) ? import - registers.GetValueOrDefault(Export) : null;
    }
}
