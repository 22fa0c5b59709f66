namespace GridMeter.Server.Analytics;

/// <summary>
/// Next-day load of a portfolio (Kind "organisation") or aggregation group (a grid node's kind), per quarter-hour in Wh from <paramref name="Day"/>'s local midnight,
/// with the same-day-last-week baseline and the mean absolute percentage error both had over the
/// last seven days (each forecast from the days before it); errors are null without enough history.
/// </summary>
public sealed record LoadForecastResponse(
    string Kind, string Id, string Day, string TimeZone, int Meters, double[] ForecastWh, double[] BaselineWh, double? BacktestMape, double? BaselineBacktestMape);
