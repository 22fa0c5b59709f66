using System.Diagnostics;
using GridMeter.Simulator.Fleets;
using GridMeter.Simulator.Households;
using NodaTime;

namespace GridMeter.Simulator.Tests.Meters;

public sealed class GenerationSpeedTests
{
    [Fact]
    public void Ten_thousand_meters_give_a_day_of_quarter_hours_in_seconds()
    {
        var date = new LocalDate(2026, 11, 20);
        var fleet = new FleetBuilder(1, 10_000, Sample.StartOf(date)).Build();
        var watch = Stopwatch.StartNew();
        long snapshots = 0;

        Parallel.ForEach(fleet, meter => Interlocked.Add(ref snapshots, meter.SnapshotsOfDay(date, Duration.FromMinutes(15)).Count));

        TestContext.Current.TestOutputHelper?.WriteLine($"10,000 meters × 96 quarter-hours: {watch.ElapsedMilliseconds} ms");
        Assert.Equal(960_000, snapshots);
        // About 0.4 s warm and 1.5 s cold in a Release build on 2 cores; this bound leaves room for a
        // Debug build on a busy machine while still catching a fall back to work per minute per register.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), $"took {watch.Elapsed}");
    }

    [Fact]
    public void A_day_deep_into_the_history_costs_little_once_the_days_before_it_are_known()
    {
        var installed = new LocalDate(2026, 1, 1);
        var meter = Sample.Meter(HouseholdArchetype.SolarHome, 1, installed);
        meter.SnapshotAt(Sample.StartOf(installed.PlusDays(200)));

        var watch = Stopwatch.StartNew();
        for (var day = 150; day < 200; day++)
        {
            meter.SnapshotsOfDay(installed.PlusDays(day), Duration.FromMinutes(15));
        }

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"50 random-access days took {watch.Elapsed}");
    }
}
