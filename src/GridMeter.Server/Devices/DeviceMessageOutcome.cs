namespace GridMeter.Server.Devices;

/// <summary>What became of a device message: committed (or, for QoS 0 topics, taken in), or rejected and why.</summary>
public readonly record struct DeviceMessageOutcome(string? Rejection)
{
    public static DeviceMessageOutcome Accepted => new(null);

    public bool IsAccepted => Rejection is null;

    public static DeviceMessageOutcome Rejected(string reason) => new(reason);
}
