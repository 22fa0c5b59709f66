using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Client;

/// <summary>A received publish whose handler runs; acknowledged when it is the oldest and its handler is done.</summary>
internal readonly record struct PendingReceive(PublishPacket Packet, Task Handled);
