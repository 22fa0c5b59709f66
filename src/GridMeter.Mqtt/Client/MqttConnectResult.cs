using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Client;

/// <summary>How a connect went: the broker kept our session or not, and what it told us in CONNACK.</summary>
public sealed record MqttConnectResult(bool SessionPresent, string ClientId, ConnAckPacket ConnAck);
