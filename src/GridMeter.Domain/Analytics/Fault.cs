using NodaTime;

namespace GridMeter.Domain.Analytics;

/// <summary>A fault found over [<paramref name="From"/>, <paramref name="To"/>), with the energy seen against the energy usual for those hours.</summary>
public sealed record Fault(FaultRule Rule, Instant From, Instant To, long ObservedWh, long ExpectedWh, string Detail);
