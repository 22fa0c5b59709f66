using GridMeter.Domain.Consumption;

namespace GridMeter.Domain.Vee;

/// <summary>Makes a register continuous across rollovers, exchanges and resets.</summary>
public static class RegisterEvents
{
    /// <summary>
    /// Every reading from an event on is raised by the event's offset, and when no reading falls on
    /// the event itself, a point at the event carries the old register's last value. Only events
    /// strictly after the first reading matter: earlier ones move both ends of every span alike.
    /// </summary>
    public static List<RegisterPoint> Apply(IReadOnlyList<RegisterPoint> readings, IReadOnlyList<RegisterEvent> events)
    {
        var result = new List<RegisterPoint>(readings.Count + events.Count);
        if (events.Count == 0 || readings.Count == 0)
        {
            result.AddRange(readings);
            return result;
        }
        var ordered = events.Where(e => e.Timestamp > readings[0].Timestamp).OrderBy(e => e.Timestamp).ToList();
        long offset = 0;
        var next = 0;
        foreach (var reading in readings)
        {
            while (next < ordered.Count && ordered[next].Timestamp <= reading.Timestamp)
            {
                var e = ordered[next++];
                if (e.Timestamp < reading.Timestamp && result.Count > 0 && result[^1].Timestamp < e.Timestamp)
                {
                    result.Add(new RegisterPoint(e.Timestamp, e.Before + offset));
                }
                offset += e.Offset;
            }
            result.Add(reading with { Wh = reading.Wh + offset });
        }
        return result;
    }

    /// <summary>
    /// A drop from near the top of a register's range to near zero, where counting on past the top
    /// fits the connection's limit, is a rollover. The register's range is the smallest power of ten
    /// above the last value (at least 10,000 kWh: a four-digit display).
    /// </summary>
    public static List<RegisterEvent> FindRollovers(IReadOnlyList<RegisterPoint> points, ConnectionLimit limit)
    {
        var found = new List<RegisterEvent>();
        for (var i = 1; i < points.Count; i++)
        {
            var (before, after) = (points[i - 1], points[i]);
            if (after.Wh >= before.Wh)
            {
                continue;
            }
            long modulus = 10_000_000;
            while (modulus <= before.Wh && modulus < long.MaxValue / 10)
            {
                modulus *= 10;
            }
            var wrapped = modulus - before.Wh + after.Wh;
            if (wrapped >= 0 && wrapped <= limit.MaxWh(after.Timestamp - before.Timestamp))
            {
                found.Add(new RegisterEvent(after.Timestamp, after.Wh + modulus, after.Wh, RegisterEventKind.Rollover));
            }
        }
        return found;
    }
}
