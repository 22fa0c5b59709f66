using NodaTime;

namespace GridMeter.Domain.Outages;

/// <summary>One customer (meter) without supply from <see cref="Down"/> until <see cref="Restored"/> (null: still out).</summary>
public readonly record struct Interruption(Instant Down, Instant? Restored);
