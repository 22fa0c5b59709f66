using System.Globalization;
using System.Text;

namespace GridMeter.Bench;

/// <summary>The figures of one run, printed as "RESULT name key=value …" in the order added.</summary>
public sealed class BenchmarkResult
{
    private readonly List<KeyValuePair<string, string>> _figures = [];

    public BenchmarkResult Add(string key, double value) =>
        Add(key, Math.Abs(value) >= 100 ? value.ToString("F0", CultureInfo.InvariantCulture) : value.ToString("G4", CultureInfo.InvariantCulture));

    public BenchmarkResult Add(string key, long value) => Add(key, value.ToString(CultureInfo.InvariantCulture));

    public BenchmarkResult Add(string key, string value)
    {
        _figures.Add(new(key, value));
        return this;
    }

    public string ToLine(string name)
    {
        var line = new StringBuilder("RESULT ").Append(name);
        foreach (var (key, value) in _figures)
        {
            line.Append(' ').Append(key).Append('=').Append(value);
        }
        return line.ToString();
    }
}
