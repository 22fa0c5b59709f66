using GridMeter.Domain.Consumption;
using NodaTime;

namespace GridMeter.Domain.Tests.Consumption;

public sealed class RegisterSeriesTests
{
    private static readonly Duration Quarter = Duration.FromMinutes(15);
    private static readonly Instant Start = Instant.FromUtc(2026, 11, 1, 0, 0);

    [Fact]
    public void Values_between_readings_are_interpolated_and_rounded_half_away_from_zero()
    {
        var series = new RegisterSeries([new(Start, 1000), new(Start + Duration.FromMinutes(30), 1003)], Quarter);

        Assert.Equal(1002, series.ValueAt(Start + Quarter));
        Assert.Equal(1001, series.ValueAt(Start + Duration.FromMinutes(5)));
        Assert.Equal(1003, series.ValueAt(Start + Duration.FromMinutes(30)));
    }

    [Fact]
    public void A_span_across_a_long_silence_is_estimated_and_outside_the_readings_is_missing()
    {
        var series = new RegisterSeries([new(Start, 0), new(Start + Quarter, 100), new(Start + Duration.FromHours(3), 900)], Quarter);
        var zone = DateTimeZone.Utc;

        var values = Buckets.Between(Start - Quarter, Start + Duration.FromHours(4), zone, BucketSize.Hour).Select(series.Consumption).ToList();

        Assert.Equal([Quality.Missing, Quality.Estimated, Quality.Estimated, Quality.Estimated, Quality.Missing], values.Select(v => v.Quality));
        Assert.Equal(900, values.Sum(v => v.Wh));
        Assert.Null(values[^1].Wh);
    }

    [Fact]
    public void A_register_that_goes_backwards_makes_its_span_suspect()
    {
        var series = new RegisterSeries([new(Start, 500), new(Start + Quarter, 400)], Quarter);

        var value = series.Consumption(new Bucket(Start.InUtc(), (Start + Quarter).InUtc()));

        Assert.Equal((-100L, Quality.Suspect), (value.Wh!.Value, value.Quality));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Over_any_window_and_bucket_size_the_buckets_sum_to_the_register_difference(int seed)
    {
        var random = new Random(seed);
        var zone = DateTimeZoneProviders.Tzdb["Europe/Rome"];
        var points = RandomSeries(random, Instant.FromUtc(2026, 3, 20, 0, 0), count: 3000);
        var series = new RegisterSeries(points, Quarter);

        for (var trial = 0; trial < 50; trial++)
        {
            var a = points[0].Timestamp + Duration.FromSeconds(random.Next(0, 20 * 86400));
            var b = a + Duration.FromSeconds(random.Next(1, 10 * 86400));
            b = b > points[^1].Timestamp ? points[^1].Timestamp : b;
            if (b <= a)
            {
                continue;
            }
            var size = (BucketSize)random.Next(0, 5);

            var sum = Buckets.Between(a, b, zone, size).Select(series.Consumption).Sum(v => v.Wh!.Value);

            Assert.Equal(series.ValueAt(b) - series.ValueAt(a), sum);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_one_sweep_over_many_spans_gives_each_span_what_it_gives_alone(int seed)
    {
        var random = new Random(seed);
        var zone = DateTimeZoneProviders.Tzdb["Europe/Rome"];
        var points = RandomSeries(random, Instant.FromUtc(2026, 3, 20, 0, 0), count: 3000);
        var series = new RegisterSeries(points, Quarter);

        for (var trial = 0; trial < 20; trial++)
        {
            // Windows reaching before the first reading and past the last, where spans are clipped or missing.
            var a = points[0].Timestamp + Duration.FromSeconds(random.Next(-2 * 86400, 30 * 86400));
            var b = a + Duration.FromSeconds(random.Next(1, 10 * 86400));
            var buckets = Buckets.Between(a, b, zone, (BucketSize)random.Next(0, 3)).ToList();

            var swept = series.ConsumptionWh([.. buckets.Select(x => x.Interval)]);

            Assert.Equal(buckets.Select(x => series.Consumption(x).Wh), swept);
        }
    }

    /// <summary>A rising register with uneven steps, irregular timestamps and gaps of up to a day.</summary>
    private static List<RegisterPoint> RandomSeries(Random random, Instant start, int count)
    {
        var points = new List<RegisterPoint>(count);
        var (t, wh) = (start, (long)random.Next(0, 1_000_000));
        for (var i = 0; i < count; i++)
        {
            points.Add(new RegisterPoint(t, wh));
            t += random.Next(10) == 0 ? Duration.FromMinutes(random.Next(16, 24 * 60)) : Duration.FromSeconds(random.Next(880, 920));
            wh += random.Next(0, 2000);
        }
        return points;
    }
}
