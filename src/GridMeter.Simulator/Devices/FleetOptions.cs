using GridMeter.Mqtt.Packets;

namespace GridMeter.Simulator.Devices;

/// <summary>How a fleet of virtual devices behaves on the wire.</summary>
public sealed record FleetOptions(Uri Broker)
{
    /// <summary>How many meters (the first ones) also send 1-second live values.</summary>
    public int LiveMeters { get; init; }

    /// <summary>Simulated power outages per meter per simulated day (0 = none).</summary>
    public double OutagesPerDay { get; init; }

    public MqttProtocolVersion ProtocolVersion { get; init; } = MqttProtocolVersion.V500;

    /// <summary>Snapshots per readings message when catching up (a day of quarter-hours by default).</summary>
    public int SnapshotsPerMessage { get; init; } = 96;

    public int Seed { get; init; } = 1;
}
