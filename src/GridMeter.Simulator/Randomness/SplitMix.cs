namespace GridMeter.Simulator.Randomness;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood, 2014). Its output is fixed by its definition, so a seed gives
/// the same households on every runtime; a seeded <see cref="Random"/> promises no such thing.
/// </summary>
internal struct SplitMix(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Noise.Finalise(_state);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public double Between(double low, double high) => low + ((high - low) * NextDouble());

    /// <summary>Uniform integer in [low, high).</summary>
    public int Between(int low, int high) => low + (int)(NextDouble() * (high - low));

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>Standard normal draw, cut at ±3 so a rare draw cannot push a habit past midnight.</summary>
    public double Gaussian()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        var z = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        return Math.Clamp(z, -3.0, 3.0);
    }

    /// <summary>A normal draw in whole minutes around <paramref name="mean"/>.</summary>
    public int Minutes(int mean, double spread) => mean + (int)Math.Round(Gaussian() * spread);
}
