using NodaTime;

namespace GridMeter.Domain.Tariffs;

/// <summary>A dynamic price valid from <see cref="From"/> until the next step.</summary>
public readonly record struct PriceStep(Instant From, decimal Price);
