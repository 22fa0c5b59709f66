namespace GridMeter.Server.WebPortal;

/// <summary>A quarantined device message as the portal lists it (the payload stays behind the API).</summary>
public sealed record QuarantineRow(DateTimeOffset ReceivedAt, string? MeterId, string Source, string Reason);
