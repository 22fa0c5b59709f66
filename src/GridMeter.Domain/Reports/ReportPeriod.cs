using NodaTime;

namespace GridMeter.Domain.Reports;

/// <summary>The span a report covers: a local day, a week (Monday to Sunday) or a calendar month.</summary>
public static class ReportPeriod
{
    public const string Day = "day";
    public const string Week = "week";
    public const string Month = "month";

    public static readonly IReadOnlyList<string> All = [Day, Week, Month];

    public static bool IsKnown(string? period) => period is not null && All.Contains(period);

    /// <summary>The period containing <paramref name="date"/>: [from, to) as local dates.</summary>
    public static (LocalDate From, LocalDate To) Containing(LocalDate date, string period) => period switch
    {
        Day => (date, date.PlusDays(1)),
        Week => (date.PlusDays(1 - (int)date.DayOfWeek), date.PlusDays(8 - (int)date.DayOfWeek)),
        Month => (new LocalDate(date.Year, date.Month, 1), new LocalDate(date.Year, date.Month, 1).PlusMonths(1)),
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, "day, week or month"),
    };

    /// <summary>The last complete period before <paramref name="today"/>: what a scheduled report sends.</summary>
    public static (LocalDate From, LocalDate To) LastCompleteBefore(LocalDate today, string period) => period switch
    {
        Day => Containing(today.PlusDays(-1), period),
        Week => Containing(today.PlusDays(-7), period),
        Month => Containing(today.PlusMonths(-1), period),
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, "day, week or month"),
    };
}
