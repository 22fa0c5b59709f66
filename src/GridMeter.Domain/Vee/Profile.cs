using System.Buffers.Binary;
using GridMeter.Domain.Consumption;
using NodaTime;

namespace GridMeter.Domain.Vee;

/// <summary>
/// A meter's typical quarter-hour consumption for each local weekday and time of day (7 × 96 slots):
/// the median and the median absolute deviation of its actual quarter-hours, robust to the outliers
/// it is used to find. A slot with too few samples says nothing.
/// </summary>
public sealed class Profile
{
    public const int Slots = 7 * 96;

    private const int SlotBytes = 10;

    private readonly long[] _median;
    private readonly long[] _mad;
    private readonly int[] _samples;

    private Profile(long[] median, long[] mad, int[] samples) => (_median, _mad, _samples) = (median, mad, samples);

    public static Profile Empty { get; } = new(new long[Slots], new long[Slots], new int[Slots]);

    /// <summary>True when no slot has any sample: estimation then falls back to linear.</summary>
    public bool IsEmpty => Array.TrueForAll(_samples, n => n == 0);

    public static int SlotOf(ZonedDateTime local) =>
        (((int)local.DayOfWeek - 1) * 96) + (local.Hour * 4) + (local.Minute / 15);

    /// <summary>The slot of an instant in a zone, from its offset alone: validation asks this for every reading.</summary>
    public static int SlotOf(Instant instant, DateTimeZone zone)
    {
        var local = instant.ToUnixTimeSeconds() + zone.GetUtcOffset(instant).Seconds;
        var days = Math.DivRem(local, 86_400, out var seconds);
        if (seconds < 0)
        {
            (days, seconds) = (days - 1, seconds + 86_400);
        }
        // 1970-01-01 was a Thursday: (days + 3) mod 7 counts from Monday.
        var weekday = (int)(((days + 3) % 7 + 7) % 7);
        return (weekday * 96) + (int)(seconds / 900);
    }

    public long Median(int slot) => _median[slot];

    public long Mad(int slot) => _mad[slot];

    public int Samples(int slot) => _samples[slot];

    /// <summary>Learns the profile from the actual quarter-hours of <paramref name="series"/> within [from, to).</summary>
    public static Profile Learn(RegisterSeries series, Instant from, Instant to, DateTimeZone zone)
    {
        var values = new List<long>[Slots];
        foreach (var bucket in Buckets.Between(from, to, zone, BucketSize.QuarterHour))
        {
            var value = series.Consumption(bucket);
            if (value.Quality == Quality.Actual && value.Wh is >= 0 && bucket.Interval.Duration == Duration.FromMinutes(15))
            {
                (values[SlotOf(bucket.Start)] ??= []).Add(value.Wh.Value);
            }
        }
        var (median, mad, samples) = (new long[Slots], new long[Slots], new int[Slots]);
        for (var slot = 0; slot < Slots; slot++)
        {
            if (values[slot] is not { Count: > 0 } list)
            {
                continue;
            }
            median[slot] = MedianOf(list);
            mad[slot] = MedianOf([.. list.Select(v => Math.Abs(v - median[slot]))]);
            samples[slot] = list.Count;
        }
        return new Profile(median, mad, samples);
    }

    internal static long MedianOf(List<long> values)
    {
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle] + 1) / 2;
    }

    /// <summary>
    /// 10 bytes per slot — median and MAD as 32-bit Wh, samples as 16 bits, little-endian — and
    /// nothing at all for an empty profile: one is kept per register of every meter.
    /// </summary>
    public byte[] ToBytes()
    {
        if (IsEmpty)
        {
            return [];
        }
        var bytes = new byte[Slots * SlotBytes];
        for (var slot = 0; slot < Slots; slot++)
        {
            var span = bytes.AsSpan(slot * SlotBytes);
            BinaryPrimitives.WriteInt32LittleEndian(span, (int)Math.Clamp(_median[slot], int.MinValue, int.MaxValue));
            BinaryPrimitives.WriteInt32LittleEndian(span[4..], (int)Math.Clamp(_mad[slot], int.MinValue, int.MaxValue));
            BinaryPrimitives.WriteUInt16LittleEndian(span[8..], (ushort)Math.Min(_samples[slot], ushort.MaxValue));
        }
        return bytes;
    }

    public static Profile FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Slots * SlotBytes)
        {
            return Empty;
        }
        var (median, mad, samples) = (new long[Slots], new long[Slots], new int[Slots]);
        for (var slot = 0; slot < Slots; slot++)
        {
            var span = bytes[(slot * SlotBytes)..];
            median[slot] = BinaryPrimitives.ReadInt32LittleEndian(span);
            mad[slot] = BinaryPrimitives.ReadInt32LittleEndian(span[4..]);
            samples[slot] = BinaryPrimitives.ReadUInt16LittleEndian(span[8..]);
        }
        return new Profile(median, mad, samples);
    }
}
