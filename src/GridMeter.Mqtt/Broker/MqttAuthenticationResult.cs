using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Broker;

/// <summary>The verdict on a CONNECT: accepted with an identity the hooks see later, or refused with a reason.</summary>
public sealed record MqttAuthenticationResult(bool Accepted, MqttReasonCode ReasonCode, object? Identity)
{
    public static MqttAuthenticationResult Accept(object? identity = null) => new(true, MqttReasonCode.Success, identity);

    /// <summary>Refuses; NotAuthorized is 3.1.1 return code 5 and 5.0 reason 0x87, BadUserNameOrPassword is 4 / 0x86.</summary>
    public static MqttAuthenticationResult Refuse(MqttReasonCode reasonCode = MqttReasonCode.NotAuthorized) => new(false, reasonCode, null);
}
