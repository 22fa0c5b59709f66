using NodaTime;

namespace GridMeter.Domain.Billing;

/// <summary>Validated energy over [Start, End): imported and exported Wh (a quarter-hour, usually).</summary>
public readonly record struct MeteredInterval(Instant Start, Instant End, long ImportWh, long ExportWh);
