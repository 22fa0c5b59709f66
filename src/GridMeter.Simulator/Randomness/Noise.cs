namespace GridMeter.Simulator.Randomness;

/// <summary>
/// Stateless hashing of (seed, key) to numbers: any minute's noise is computed on its own, so a value
/// never depends on which instants were asked for before it.
/// </summary>
internal static class Noise
{
    /// <summary>The SplitMix64 output function: a bijective avalanche over 64 bits.</summary>
    public static ulong Finalise(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public static ulong Mix(ulong seed, ulong key) => Finalise(seed ^ Finalise(key + 0x9E3779B97F4A7C15UL));

    public static ulong Mix(ulong seed, ulong key1, ulong key2) => Mix(Mix(seed, key1), key2);

    /// <summary>Uniform in [0, 1).</summary>
    public static double Unit(ulong seed, ulong key) => (Mix(seed, key) >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [-1, 1).</summary>
    public static double Signed(ulong seed, ulong key) => (2.0 * Unit(seed, key)) - 1.0;

    /// <summary>
    /// Smooth noise in [-1, 1]: random knots every <paramref name="knotSpacing"/> units joined by a
    /// cosine ease, for quantities that drift (voltage, frequency, temperature) rather than jump.
    /// </summary>
    public static double Smooth(ulong seed, double position, double knotSpacing)
    {
        var scaled = position / knotSpacing;
        var knot = Math.Floor(scaled);
        var t = scaled - knot;
        var a = Signed(seed, (ulong)(long)knot);
        var b = Signed(seed, (ulong)(long)(knot + 1));
        var ease = (1.0 - Math.Cos(Math.PI * t)) / 2.0;
        return a + ((b - a) * ease);
    }

    /// <summary>FNV-1a of a text: string.GetHashCode is randomised per process, this is not.</summary>
    public static ulong OfText(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return hash;
    }
}
