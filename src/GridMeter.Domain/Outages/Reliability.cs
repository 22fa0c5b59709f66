using NodaTime;

namespace GridMeter.Domain.Outages;

/// <summary>SAIDI and SAIFI (IEEE 1366) from customer interruptions.</summary>
public static class Reliability
{
    /// <summary>IEEE 1366: an interruption of at most five minutes is momentary and counts in neither index.</summary>
    public static readonly Duration MomentaryLimit = Duration.FromMinutes(5);

    /// <summary>
    /// SAIFI counts the sustained interruptions that began within [from, to); SAIDI sums the minutes
    /// of sustained interruptions that fall within [from, to) (one still open lasts until
    /// <paramref name="now"/>); both are divided by the customers served.
    /// </summary>
    public static ReliabilityIndices Compute(IEnumerable<Interruption> interruptions, int customersServed, Instant from, Instant to, Instant now)
    {
        var count = 0;
        var minutes = 0.0;
        foreach (var interruption in interruptions)
        {
            var end = interruption.Restored ?? now;
            if (end - interruption.Down <= MomentaryLimit)
            {
                continue;
            }
            if (interruption.Down >= from && interruption.Down < to)
            {
                count++;
            }
            var start = interruption.Down > from ? interruption.Down : from;
            var stop = end < to ? end : to;
            if (stop > start)
            {
                minutes += (stop - start).TotalMinutes;
            }
        }
        return customersServed == 0
            ? new ReliabilityIndices(0, 0, 0, count, minutes)
            : new ReliabilityIndices(minutes / customersServed, (double)count / customersServed, customersServed, count, minutes);
    }
}
