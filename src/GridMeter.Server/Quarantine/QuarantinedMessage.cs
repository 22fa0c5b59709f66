namespace GridMeter.Server.Quarantine;

/// <summary>
/// A rejected message as kept: the payload as text when it is valid UTF-8, otherwise base64
/// (PayloadEncoding says which).
/// </summary>
public sealed record QuarantinedMessage(
    long Id, DateTimeOffset ReceivedAt, string? MeterId, string Source, string Reason, string Payload, string PayloadEncoding, bool PayloadTruncated);
