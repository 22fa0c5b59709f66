namespace GridMeter.Domain.Outages;

/// <summary>
/// IEEE 1366 indices over a period: SAIDI in customer minutes per customer served, SAIFI in
/// sustained interruptions per customer served; with the totals they come from.
/// </summary>
public sealed record ReliabilityIndices(double Saidi, double Saifi, int CustomersServed, int CustomersInterrupted, double CustomerMinutes);
