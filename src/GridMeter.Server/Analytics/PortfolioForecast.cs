using GridMeter.Domain.Analytics;
using GridMeter.Server.Consumption;
using GridMeter.Server.Meters;
using Microsoft.Extensions.Options;
using NodaTime;

namespace GridMeter.Server.Analytics;

/// <summary>Next-day load of a set of meters summed in one zone, with the same-day-last-week baseline and both back-tested over the last week.</summary>
public sealed class PortfolioForecast(AnalyticsData data, IOptions<AnalyticsOptions> options)
{
    public async Task<LoadForecastResponse> ForecastAsync(string kind, string id, IReadOnlyList<Meter> members, DateTimeZone zone, Instant now, CancellationToken cancellationToken)
    {
        var days = options.Value.ForecastDays;
        var tomorrow = now.InZone(zone).Date.PlusDays(1);
        var first = tomorrow.PlusDays(-days);
        var totals = new double[days][];
        foreach (var meter in members.Take(options.Value.MaxForecastMeters))
        {
            var series = MeteredSeries.Of(meter).InZone(zone);
            var loaded = await data.DaysAsync(series, first, days, net: false, cancellationToken);
            for (var d = 0; d < loaded.Count && d < days; d++)
            {
                var wh = loaded[d].Wh;
                totals[d] ??= new double[wh.Length];
                for (var q = 0; q < Math.Min(wh.Length, totals[d].Length); q++)
                {
                    totals[d][q] += wh[q] ?? 0;
                }
            }
        }
        var history = totals.Select(t => t ?? []).ToList();
        var quarters = (int)((zone.AtStartOfDay(tomorrow.PlusDays(1)).ToInstant() - zone.AtStartOfDay(tomorrow).ToInstant()) / Duration.FromMinutes(15));
        var forecast = Fit(DayAheadForecast.Predict(Regular(history)), quarters);
        var baseline = Fit(history[^7], quarters);
        var (mape, baselineMape) = Backtest(history);
        return new LoadForecastResponse(kind, id, tomorrow.ToString("yyyy-MM-dd", null), zone.Id, Math.Min(members.Count, options.Value.MaxForecastMeters),
            forecast, baseline, mape, baselineMape);
    }

    /// <summary>Each of the last seven days forecast from the four weeks before it; DST days are left out of the comparison.</summary>
    private static (double?, double?) Backtest(List<double[]> history)
    {
        var (model, baseline, judged) = (0.0, 0.0, 0);
        for (var i = history.Count - 7; i < history.Count; i++)
        {
            var before = history.Take(i).ToList();
            if (i < 28 || history[i].Length != 96 || history[i].Sum() <= 0 || before.Skip(i - 28).Any(d => d.Length != 96))
            {
                continue;
            }
            model += DayAheadForecast.Mape(history[i], DayAheadForecast.Predict(before.Skip(i - 28).ToList()));
            baseline += DayAheadForecast.Mape(history[i], DayAheadForecast.SameDayLastWeek(before));
            judged++;
        }
        return judged == 0 ? (null, null) : (Math.Round(model / judged, 4), Math.Round(baseline / judged, 4));
    }

    /// <summary>Days of 92 or 100 quarters (DST) brought to 96, so every day lines up by time of day.</summary>
    private static List<double[]> Regular(List<double[]> history) => [.. history.Select(d => Fit(d, 96))];

    private static double[] Fit(double[] day, int quarters) =>
        day.Length == quarters ? day : [.. Enumerable.Range(0, quarters).Select(q => day.Length == 0 ? 0 : day[Math.Min(day.Length - 1, q * day.Length / quarters)])];
}
