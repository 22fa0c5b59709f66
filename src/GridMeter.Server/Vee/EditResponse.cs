namespace GridMeter.Server.Vee;

/// <summary>One edit version: the span it replaced, its new total (kWh), who made it, when and why.</summary>
public sealed record EditResponse(int Version, string Obis, DateTimeOffset From, DateTimeOffset To, decimal TotalKwh, string Reason, string Actor, DateTimeOffset CreatedAt);
