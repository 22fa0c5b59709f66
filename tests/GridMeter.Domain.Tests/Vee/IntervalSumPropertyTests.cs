using FsCheck.Fluent;
using GridMeter.Domain.Consumption;
using GridMeter.Domain.Vee;
using NodaTime;

namespace GridMeter.Domain.Tests.Vee;

/// <summary>
/// Whatever a meter sends — gaps, re-sends, conflicting re-sends, wild values — the intervals of the
/// validated and estimated series add up over any window to the register difference across it, to
/// the Wh, and no energy is counted twice whatever the bucket size.
/// </summary>
public sealed class IntervalSumPropertyTests
{
    private static readonly Duration Quarter = Duration.FromMinutes(15);
    private static readonly ConnectionLimit Limit = new(1, 230, 63);

    private static readonly FsCheck.Gen<(SeriesScenario Scenario, int[] Cuts, int Size)> Cases =
        from scenario in SeriesScenario.Generator
        from cuts in Gen.ArrayOf(Gen.Choose(0, 1_000_000), 8)
        from size in Gen.Choose(0, 4)
        select (scenario, cuts, size);

    [Fact]
    public void Intervals_between_two_readings_sum_to_their_register_difference_to_the_wh()
    {
        Properties.ForAll(Cases, c =>
        {
            var (stored, series, zone) = Corrected(c.Scenario);
            for (var k = 0; k + 1 < c.Cuts.Length; k += 2)
            {
                var (i, j) = Order(c.Cuts[k] % stored.Count, c.Cuts[k + 1] % stored.Count);
                if (i == j)
                {
                    continue;
                }
                var (a, b) = (stored[i], stored[j]);

                var values = Buckets.Between(a.Timestamp, b.Timestamp, zone, (BucketSize)c.Size).Select(series.Consumption).ToList();

                Assert.Equal(b.Wh - a.Wh, values.Sum(v => v.Wh!.Value));
                Assert.DoesNotContain(values, v => v.Quality == Quality.Missing);
            }
        });
    }

    [Fact]
    public void Any_window_sums_alike_in_quarter_hours_hours_days_weeks_and_months()
    {
        Properties.ForAll(Cases, c =>
        {
            var (stored, series, zone) = Corrected(c.Scenario);
            var span = (stored[^1].Timestamp - stored[0].Timestamp).TotalSeconds;
            var from = stored[0].Timestamp + Duration.FromSeconds((long)(span * c.Cuts[0] / 1_000_000d));
            var to = from + Duration.FromSeconds((long)((stored[^1].Timestamp - from).TotalSeconds * c.Cuts[1] / 1_000_000d));
            if (to <= from)
            {
                return;
            }
            var expected = series.ValueAt(to) - series.ValueAt(from);

            foreach (var size in Enum.GetValues<BucketSize>())
            {
                var sum = Buckets.Between(from, to, zone, size).Select(series.Consumption).Sum(v => v.Wh!.Value);
                Assert.Equal(expected, sum);
            }
        });
    }

    [Fact]
    public void Every_quarter_hour_inside_a_gap_is_estimated_or_suspect_and_none_is_actual()
    {
        Properties.ForAll(Cases, c =>
        {
            var (stored, series, zone) = Corrected(c.Scenario);
            for (var i = 1; i < stored.Count; i++)
            {
                if (!RegisterSeries.IsGap(stored[i].Timestamp - stored[i - 1].Timestamp, Quarter))
                {
                    continue;
                }
                var inside = Buckets.Between(stored[i - 1].Timestamp, stored[i].Timestamp, zone, BucketSize.QuarterHour).Select(series.Consumption);
                Assert.All(inside, v => Assert.True(v.Quality is Quality.Estimated or Quality.Suspect, $"{v.Bucket.Start}: {v.Quality}"));
            }
        }, tests: 50);
    }

    /// <summary>The series a bill is made from: validated and estimated, as the background job stores it.</summary>
    internal static (IReadOnlyList<RegisterPoint> Stored, RegisterSeries Series, DateTimeZone Zone) Corrected(SeriesScenario scenario)
    {
        var zone = DateTimeZoneProviders.Tzdb[scenario.Zone];
        var input = new VeeInput(scenario.Stored, [], scenario.Conflicts, Limit, Profile.Empty, VeeSettings.Default, zone, Quarter,
            scenario.Stored[^1].Timestamp);
        var outcome = GridMeter.Domain.Vee.Vee.Run(input);
        Assert.Empty(outcome.Rollovers);
        var series = GridMeter.Domain.Vee.Vee.Corrected(scenario.Stored, outcome.Rollovers, outcome.Estimates, outcome.Flags, [], Quarter);
        return (scenario.Stored, series, zone);
    }

    private static (int, int) Order(int a, int b) => a <= b ? (a, b) : (b, a);
}
