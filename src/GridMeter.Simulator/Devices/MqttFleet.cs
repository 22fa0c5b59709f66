using GridMeter.Simulator.Meters;

namespace GridMeter.Simulator.Devices;

/// <summary>Runs many virtual meters over real MQTT connections at once.</summary>
public sealed class MqttFleet
{
    private readonly List<MqttMeterDevice> _devices;

    public MqttFleet(IReadOnlyList<VirtualMeter> meters, IReadOnlyDictionary<string, DeviceCredentials> credentials, FleetOptions options, SimulatedClock clock)
    {
        _devices = [.. meters.Where(m => credentials.ContainsKey(m.Id)).Select((m, i) =>
            new MqttMeterDevice(m, credentials[m.Id], options, clock, Counters, sendsLive: i < options.LiveMeters))];
    }

    public FleetCounters Counters { get; } = new();

    public IReadOnlyList<MqttMeterDevice> Devices => _devices;

    /// <summary>Runs until cancelled; each device reconnects on its own when the broker goes away.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(_devices.Select(d => Task.Run(() => d.RunAsync(cancellationToken), cancellationToken)));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }
    }
}
