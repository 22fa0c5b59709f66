namespace GridMeter.Server.Alerts;

/// <summary>One alert of GET /api/v1/alerts (CONTRACT section 3).</summary>
public sealed record AlertItem(string Id, string Type, string? MeterId, DateTimeOffset RaisedAt, string Message, IReadOnlyList<DeliveryItem> Deliveries);
