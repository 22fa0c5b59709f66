namespace GridMeter.Server.Broker;

/// <summary>The payload on meters/{id}/errors: which message was quarantined and why.</summary>
public sealed record DeviceError(string Topic, string Error);
