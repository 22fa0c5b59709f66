namespace GridMeter.Server.Outages;

/// <summary>SAIDI (minutes per customer) and SAIFI (interruptions per customer) over [from, to), with the totals they come from.</summary>
public sealed record ReliabilityResponse(
    DateTimeOffset From, DateTimeOffset To, double Saidi, double Saifi, int CustomersServed, int CustomersInterrupted, double CustomerMinutes);
