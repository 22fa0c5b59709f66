using GridMeter.Domain.Devices;
using GridMeter.Domain.Meters;
using GridMeter.Server.Devices;
using GridMeter.Server.Meters;

namespace GridMeter.Server.Broker;

/// <summary>
/// Who a device login is (CONTRACT section 2): a meter with its own secret, or a gateway speaking
/// for its meters. Asked by the embedded broker and by an external broker's HTTP hooks alike.
/// </summary>
public sealed class DeviceLogins(MeterDirectory meters, Gateways gateways)
{
    /// <summary>The device if <paramref name="id"/> and <paramref name="secret"/> match one; null otherwise.</summary>
    public async Task<DeviceIdentity?> AuthenticateAsync(string? id, string secret, CancellationToken cancellationToken)
    {
        if (id is null || !MeterId.IsValid(id) || secret.Length is 0 or > 256)
        {
            return null;
        }
        if (await meters.FindAsync(id, cancellationToken) is { } meter && DeviceSecret.Matches(secret, meter.SecretHash))
        {
            return DeviceIdentity.Meter(id);
        }
        return await gateways.AuthenticateAsync(id, secret, cancellationToken);
    }

    /// <summary>The device named <paramref name="id"/> (already authenticated by the broker), or null when none exists.</summary>
    public async Task<DeviceIdentity?> FindAsync(string? id, CancellationToken cancellationToken)
    {
        if (id is null || !MeterId.IsValid(id))
        {
            return null;
        }
        if (await meters.FindAsync(id, cancellationToken) is not null)
        {
            return DeviceIdentity.Meter(id);
        }
        return await gateways.FindAsync(id, cancellationToken) is { } meterIds
            ? new DeviceIdentity(id, true, meterIds.ToHashSet(StringComparer.Ordinal))
            : null;
    }
}
