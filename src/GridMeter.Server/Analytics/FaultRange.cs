using System.Globalization;
using GridMeter.Server.Consumption;
using NodaTime;

namespace GridMeter.Server.Analytics;

/// <summary>Which faults to list: started in [From, To) (Unix seconds), at most Limit. Defaults: the last 30 days, 100.</summary>
public sealed record FaultRange(long From, long To, int Limit)
{
    public const int MaxLimit = 1000;

    public static FaultRange? Parse(string? from, string? to, string? limit, DateTimeZone zone, Dictionary<string, string[]> errors)
    {
        var (start, end) = (Instant.MinValue, Instant.MaxValue);
        if (from is not null && !TimeArgument.TryParse(from, zone, out start))
        {
            errors["from"] = ["a local date (2026-11-01) or an RFC 3339 instant with offset"];
        }
        if (to is not null && !TimeArgument.TryParse(to, zone, out end))
        {
            errors["to"] = ["a local date (2026-11-02, exclusive) or an RFC 3339 instant with offset"];
        }
        var count = 100;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxLimit))
        {
            errors["limit"] = [$"between 1 and {MaxLimit}"];
        }
        if (errors.Count > 0)
        {
            return null;
        }
        var lo = from is null ? long.MinValue : start.ToUnixTimeSeconds();
        var hi = to is null ? long.MaxValue : end.ToUnixTimeSeconds();
        return new FaultRange(lo, hi, count);
    }
}
