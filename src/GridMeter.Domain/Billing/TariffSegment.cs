using GridMeter.Domain.Tariffs;
using NodaTime;

namespace GridMeter.Domain.Billing;

/// <summary>The tariff in force over <see cref="Span"/>.</summary>
public sealed record TariffSegment(Tariff Tariff, Interval Span);
