namespace GridMeter.Domain.Devices;

/// <summary>
/// An authenticated device: a meter speaking for itself, or a gateway speaking for the meters
/// assigned to it.
/// </summary>
public sealed record DeviceIdentity(string Id, bool IsGateway, IReadOnlySet<string> MeterIds)
{
    public static DeviceIdentity Meter(string id) => new(id, false, new HashSet<string>(StringComparer.Ordinal) { id });

    public bool Speaks(string meterId) => MeterIds.Contains(meterId);
}
