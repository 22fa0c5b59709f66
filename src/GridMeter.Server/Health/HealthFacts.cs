using System.Collections.Concurrent;

namespace GridMeter.Server.Health;

/// <summary>Facts slices publish on GET /health beside the status, such as the MQTT port actually bound.</summary>
public sealed class HealthFacts
{
    private readonly ConcurrentDictionary<string, object?> _facts = new(StringComparer.Ordinal);

    public void Set(string name, object? value) => _facts[name] = value;

    public IEnumerable<KeyValuePair<string, object?>> All => _facts.OrderBy(f => f.Key, StringComparer.Ordinal);
}
