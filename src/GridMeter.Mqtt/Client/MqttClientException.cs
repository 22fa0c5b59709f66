using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Client;

/// <summary>The broker refused us (CONNACK, SUBACK) or the client is not connected.</summary>
public sealed class MqttClientException : Exception
{
    public MqttClientException()
    {
    }

    public MqttClientException(string message)
        : base(message)
    {
    }

    public MqttClientException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MqttClientException(MqttReasonCode reasonCode, string message)
        : base(message) => ReasonCode = reasonCode;

    public MqttReasonCode? ReasonCode { get; }
}
