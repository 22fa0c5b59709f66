using NodaTime;

namespace GridMeter.Simulator.Households;

/// <summary>
/// A fault injected into one appliance from <paramref name="Start"/> on, so analytics tests have a
/// known anomaly to find. Faults act on the minute grid: from the first whole minute at or after
/// <paramref name="Start"/>.
/// </summary>
/// <param name="Factor">For <see cref="FaultKind.Overpower"/>: how many times the usual power.</param>
public sealed record ApplianceFault(string ApplianceId, FaultKind Kind, Instant Start, double Factor = 3.0);
