using GridMeter.Domain.Analytics;
using GridMeter.Domain.Consumption;
using GridMeter.Domain.Vee;
using NodaTime;

namespace GridMeter.Domain.Tests.Analytics;

public sealed class ForecastTests
{
    [Fact]
    public void The_day_ahead_portfolio_forecast_beats_same_day_last_week_on_held_out_simulated_days()
    {
        var fleet = SimulatedFleet.Build(seed: 4, perArchetype: 8, new LocalDate(2026, 1, 1));
        var first = new LocalDate(2026, 2, 2);
        const int Days = 56;
        const int HeldOut = 21;
        // The energy the supplier delivers (import) per quarter-hour; DST days are left out of the comparison by their length.
        var days = Enumerable.Range(0, Days).Select(d => first.PlusDays(d)).ToList();
        var perMeter = fleet.AsParallel().AsOrdered().Select(m => days.Select(d => SimulatedFleet.QuarterHours(m, d, net: false)).ToList()).ToList();
        var portfolio = days.Select((d, i) => Sum(perMeter.Select(m => m[i]))).ToList();

        var (model, baseline, judged) = (0.0, 0.0, 0);
        for (var i = Days - HeldOut; i < Days; i++)
        {
            var history = portfolio.Take(i).ToList();
            if (portfolio[i].Length != 96 || history.Skip(i - 28).Any(d => d.Length != 96))
            {
                continue;
            }
            model += DayAheadForecast.Mape(portfolio[i], DayAheadForecast.Predict(history.Skip(i - 28).ToList()));
            baseline += DayAheadForecast.Mape(portfolio[i], DayAheadForecast.SameDayLastWeek(history));
            judged++;
        }
        (model, baseline) = (model / judged, baseline / judged);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{fleet.Count} households, {judged} held-out days: day-ahead MAPE {model:P1}, same day last week {baseline:P1}");
        Assert.True(judged >= 14, "enough held-out days");
        Assert.True(model < baseline, $"MAPE {model:P2} against the baseline's {baseline:P2}");
    }

    [Fact]
    public void End_of_day_adds_the_profile_median_of_each_remaining_quarter_to_what_was_used()
    {
        var zone = SimulatedFleet.Rome;
        var monday = new LocalDate(2026, 10, 5);
        var from = zone.AtStartOfDay(monday).ToInstant();
        var points = new List<RegisterPoint>();
        var wh = 0L;
        for (var t = from; t <= from + Duration.FromDays(28); t += Duration.FromMinutes(15))
        {
            points.Add(new RegisterPoint(t, wh));
            wh += t.InZone(zone).Hour >= 18 ? 200 : 50;
        }
        var profile = Profile.Learn(new RegisterSeries(points, Duration.FromMinutes(15)), from, from + Duration.FromDays(28), zone);
        var now = zone.AtStrictly(new LocalDateTime(2026, 11, 2, 17, 0)).ToInstant();

        var projection = ConsumptionForecast.EndOfDay(profile, 3_000, now, zone);

        Assert.Equal((4 * 50) + (6 * 4 * 200), projection.ExpectedWh);
        Assert.Equal(3_000 + 200 + 4_800, projection.TotalWh);
        Assert.Equal(2.00m, projection.CostAt(0.25m));
    }

    private static double[] Sum(IEnumerable<double?[]> days)
    {
        double[]? total = null;
        foreach (var day in days)
        {
            total ??= new double[day.Length];
            for (var q = 0; q < Math.Min(total.Length, day.Length); q++)
            {
                total[q] += day[q] ?? 0;
            }
        }
        return total ?? [];
    }
}
