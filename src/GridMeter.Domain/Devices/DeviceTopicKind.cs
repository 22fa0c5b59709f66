namespace GridMeter.Domain.Devices;

/// <summary>What a message under meters/{id}/ carries (CONTRACT section 2).</summary>
public enum DeviceTopicKind
{
    Unknown,
    Readings,
    Live,
    Events,
    Status,
    ApplianceReadings,
    CommandResult,
    Commands,
    Errors,
}
