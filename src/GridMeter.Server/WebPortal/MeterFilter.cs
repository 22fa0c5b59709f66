using GridMeter.Domain.Meters;

namespace GridMeter.Server.WebPortal;

/// <summary>The meter list's filters and page, from the query string; <see cref="Problem"/> says what was wrong.</summary>
public sealed record MeterFilter(string Search, string Health, int Page)
{
    public const int PageSize = 50;

    /// <summary>Enough for a fleet of millions at 50 a page, small enough that the offset never overflows.</summary>
    public const int MaxPage = 100_000;

    public static readonly string[] HealthValues = ["", "online", "offline", "unknown"];

    public string? Problem { get; init; }

    public int Offset => (Page - 1) * PageSize;

    public static MeterFilter Parse(string? q, string? health, int? page)
    {
        var search = q?.Trim() ?? "";
        if (search.Length > 0 && !MeterId.IsValid(search))
        {
            return new MeterFilter("", "", 1) { Problem = "q: a meter id or the start of one (A-Z a-z 0-9 . _ -)" };
        }
        if (!HealthValues.Contains(health ?? ""))
        {
            return new MeterFilter("", "", 1) { Problem = "health: online, offline or unknown" };
        }
        if (page is < 1 or > MaxPage)
        {
            return new MeterFilter("", "", 1) { Problem = $"page: 1 to {MaxPage}" };
        }
        return new MeterFilter(search, health ?? "", page ?? 1);
    }

    /// <summary>The query string of this filter on another page.</summary>
    public string QueryFor(int page)
    {
        var parts = new List<string>();
        if (Search.Length > 0)
        {
            parts.Add("q=" + Uri.EscapeDataString(Search));
        }
        if (Health.Length > 0)
        {
            parts.Add("health=" + Health);
        }
        parts.Add("page=" + page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return "?" + string.Join("&", parts);
    }
}
