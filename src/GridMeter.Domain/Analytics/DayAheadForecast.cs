namespace GridMeter.Domain.Analytics;

/// <summary>
/// Next-day load of a portfolio or aggregation group, per quarter-hour: the mean of the same
/// weekday over the last weeks (the shape of that day type), scaled to the level of the last seven
/// days (weather and season move the level faster than the shape). Measured against the
/// same-day-last-week forecast, which it has to beat.
/// </summary>
public static class DayAheadForecast
{
    public const int Weeks = 4;

    /// <summary>
    /// Forecasts the day after <paramref name="history"/>, whose days (oldest first, each of the same
    /// number of quarter-hours) end with yesterday. Needs at least a week.
    /// </summary>
    public static double[] Predict(IReadOnlyList<double[]> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count < 7)
        {
            throw new ArgumentException("A day-ahead forecast needs at least a week of history.", nameof(history));
        }
        var sameDays = Enumerable.Range(1, Weeks).Select(w => history.Count - (7 * w)).Where(i => i >= 0).Select(i => history[i]).ToList();
        var length = sameDays[0].Length;
        var shape = new double[length];
        foreach (var day in sameDays)
        {
            for (var q = 0; q < length; q++)
            {
                shape[q] += day[q] / sameDays.Count;
            }
        }
        // The last week against the weeks the shape came from: both are whole weeks, so the weekly pattern cancels.
        var recent = history.Skip(history.Count - 7).Sum(d => d.Sum());
        var weeks = sameDays.Count;
        var past = history.Skip(history.Count - (7 * weeks)).Sum(d => d.Sum()) / weeks;
        var level = past > 0 ? recent / past : 1;
        return [.. shape.Select(v => v * level)];
    }

    /// <summary>The same day a week before: the baseline.</summary>
    public static double[] SameDayLastWeek(IReadOnlyList<double[]> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return history.Count < 7 ? throw new ArgumentException("Needs a week of history.", nameof(history)) : history[^7];
    }

    /// <summary>Mean absolute percentage error over the quarters with a positive actual value.</summary>
    public static double Mape(IReadOnlyList<double> actual, IReadOnlyList<double> forecast)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(forecast);
        var (sum, count) = (0.0, 0);
        for (var i = 0; i < actual.Count; i++)
        {
            if (actual[i] > 0)
            {
                sum += Math.Abs(actual[i] - forecast[i]) / actual[i];
                count++;
            }
        }
        return count == 0 ? 0 : sum / count;
    }
}
