namespace GridMeter.Domain.Reports;

/// <summary>What a report shows.</summary>
public static class ReportKind
{
    /// <summary>Consumption per hour (daily report) or per day (weekly, monthly).</summary>
    public const string Summary = "summary";

    /// <summary>Consumption per appliance over the period, and the rest of the home.</summary>
    public const string Appliances = "appliances";

    /// <summary>Per day: total, smallest, largest and average interval.</summary>
    public const string MinMaxAvg = "minmaxavg";

    public static readonly IReadOnlyList<string> All = [Summary, Appliances, MinMaxAvg];

    public static bool IsKnown(string? kind) => kind is not null && All.Contains(kind);
}
