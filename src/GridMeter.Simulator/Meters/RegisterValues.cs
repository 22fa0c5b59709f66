using System.Diagnostics.CodeAnalysis;
using GridMeter.Domain.Readings;

namespace GridMeter.Simulator.Meters;

/// <summary>
/// A small read-only map over a shared key array: a snapshot costs one values array instead of a
/// dictionary, which matters at 10,000 meters × 96 quarter-hours.
/// </summary>
internal sealed class RegisterValues(ObisCode[] keys, decimal[] values) : IReadOnlyDictionary<ObisCode, decimal>
{
    public decimal this[ObisCode key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No value for {key}.");

    public IEnumerable<ObisCode> Keys => keys;

    public IEnumerable<decimal> Values => values;

    public int Count => keys.Length;

    public bool ContainsKey(ObisCode key) => Array.IndexOf(keys, key) >= 0;

    public bool TryGetValue(ObisCode key, [MaybeNullWhen(false)] out decimal value)
    {
        var index = Array.IndexOf(keys, key);
        value = index >= 0 ? values[index] : default;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<ObisCode, decimal>> GetEnumerator()
    {
        for (var i = 0; i < keys.Length; i++)
        {
            yield return new KeyValuePair<ObisCode, decimal>(keys[i], values[i]);
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
