namespace GridMeter.Server.Devices;

/// <summary>POST /api/v1/gateways (CONTRACT section 2).</summary>
public sealed record CreateGatewayRequest(string? Id, IReadOnlyList<string>? MeterIds);
