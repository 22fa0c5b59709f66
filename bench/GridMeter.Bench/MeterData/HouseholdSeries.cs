using GridMeter.Server.Storage;

namespace GridMeter.Bench.MeterData;

/// <summary>
/// Quarter-hourly import registers of households, deterministic by seed: an evening peak, a little
/// noise, now and then an hour of silence (a gap for estimation to fill) and a jump no connection
/// could carry (a span for validation to flag).
/// </summary>
internal static class HouseholdSeries
{
    public const long Start = 1_761_951_600; // 2025-11-01T00:00:00+01:00

    public static IEnumerable<StoredReading> Readings(long meterKey, int registerKey, int days, int seed)
    {
        var random = new Random(seed);
        var wh = (long)random.Next(1_000_000, 9_000_000);
        for (var q = 0; q <= days * 96; q++)
        {
            var hour = q / 4 % 24;
            wh += (hour is >= 18 and <= 21 ? 250 : 60) + random.Next(0, 60);
            if (random.Next(5000) == 0)
            {
                wh += 5_000; // more than a 63 A connection delivers in a quarter-hour: suspect
            }
            if (random.Next(2000) == 0)
            {
                q += 4;
                continue;
            }
            yield return new StoredReading(meterKey, registerKey, Start + (q * 900L), wh);
        }
    }
}
