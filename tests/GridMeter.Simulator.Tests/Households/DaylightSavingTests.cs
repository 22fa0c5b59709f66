using GridMeter.Simulator.Households;
using NodaTime;

namespace GridMeter.Simulator.Tests.Households;

public sealed class DaylightSavingTests
{
    [Theory]
    [InlineData(2026, 3, 28, 96)]
    [InlineData(2026, 3, 29, 92)]
    [InlineData(2026, 10, 25, 100)]
    public void A_local_day_has_one_quarter_hour_series_point_per_real_quarter_hour(int year, int month, int day, int points)
    {
        var meter = Sample.Meter(HouseholdArchetype.WorkingCouple, 1, new LocalDate(year, 3, 1));

        var series = meter.SnapshotsOfDay(new LocalDate(year, month, day), Duration.FromMinutes(15));

        Assert.Equal(points, series.Count);
    }

    [Theory]
    [InlineData(2026, 3, 29)]
    [InlineData(2026, 10, 25)]
    [InlineData(2026, 10, 24)]
    public void Family_evening_peak_stays_at_local_evening_across_dst(int year, int month, int day)
    {
        var date = new LocalDate(year, month, day);
        var total = new Dictionary<LocalTime, long>();
        for (var seed = 0; seed < 24; seed++)
        {
            var meter = Sample.Meter(HouseholdArchetype.FamilyWithChildren, seed, date.PlusDays(-1));
            var series = meter.SnapshotsOfDay(date, Duration.FromHours(1)).Append(meter.SnapshotAt(Sample.StartOf(date.PlusDays(1)))).ToList();
            var steps = Sample.NetSteps(series);
            for (var i = 0; i < steps.Length; i++)
            {
                var local = series[i].Timestamp.InZone(Sample.Rome).TimeOfDay;
                total[local] = total.GetValueOrDefault(local) + steps[i];
            }
        }

        var peak = total.MaxBy(t => t.Value).Key;

        Assert.InRange(peak, new LocalTime(18, 0), new LocalTime(20, 0));
    }

    [Fact]
    public void Cooking_follows_the_wall_clock_not_utc_across_the_spring_change()
    {
        var before = DinnerHour(new LocalDate(2026, 3, 27));
        var after = DinnerHour(new LocalDate(2026, 3, 30));

        Assert.InRange(after - before, -0.5, 0.5);
    }

    /// <summary>Mean local hour of cooking energy over a family's evening, from the cooking sub-meter.</summary>
    private static double DinnerHour(LocalDate date)
    {
        double weighted = 0, energy = 0;
        for (var seed = 0; seed < 12; seed++)
        {
            var meter = Sample.Meter(HouseholdArchetype.FamilyWithChildren, seed, date);
            for (var minute = 16 * 60; minute < 22 * 60; minute += 15)
            {
                var at = Sample.Rome.AtStrictly(date.At(LocalTime.Midnight).PlusMinutes(minute)).ToInstant();
                var wh = Sample.Wh(meter.ApplianceSnapshotAt("cooking", at + Duration.FromMinutes(15)), Domain.Readings.ObisCode.ActiveImport)
                    - Sample.Wh(meter.ApplianceSnapshotAt("cooking", at), Domain.Readings.ObisCode.ActiveImport);
                weighted += wh * (minute / 60.0);
                energy += wh;
            }
        }
        return weighted / energy;
    }
}
