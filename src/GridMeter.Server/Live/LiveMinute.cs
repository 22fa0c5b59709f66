using GridMeter.Domain.Readings;

namespace GridMeter.Server.Live;

/// <summary>Running min/sum/max of each value within one minute, flushed as min/avg/max.</summary>
public sealed class LiveMinute(long minute)
{
    private readonly Dictionary<ObisCode, (decimal Min, decimal Sum, decimal Max, int Count)> _stats = [];

    public long Minute { get; } = minute;

    public void Add(IReadOnlyDictionary<ObisCode, decimal> values)
    {
        foreach (var (code, value) in values)
        {
            _stats[code] = _stats.TryGetValue(code, out var s)
                ? (Math.Min(s.Min, value), s.Sum + value, Math.Max(s.Max, value), s.Count + 1)
                : (value, value, value, 1);
        }
    }

    /// <summary>{"1-0:1.7.0":[min,avg,max],…} with the average rounded to 4 decimals.</summary>
    public string ToJson()
    {
        var parts = _stats.OrderBy(s => s.Key.ToString(), StringComparer.Ordinal).Select(s =>
            string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"\"{s.Key}\":[{s.Value.Min},{decimal.Round(s.Value.Sum / s.Value.Count, 4)},{s.Value.Max}]"));
        return "{" + string.Join(",", parts) + "}";
    }
}
