using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Codec;

/// <summary>MQTT 3.1.1 §3.2.2.3 CONNACK return codes, mapped to and from the 5.0 reason codes.</summary>
internal static class ReturnCodes
{
    public static byte ToConnAck(MqttReasonCode reason) => reason switch
    {
        MqttReasonCode.Success => 0,
        MqttReasonCode.UnsupportedProtocolVersion => 1,
        MqttReasonCode.ClientIdentifierNotValid => 2,
        MqttReasonCode.BadUserNameOrPassword or MqttReasonCode.BadAuthenticationMethod => 4,
        MqttReasonCode.NotAuthorized or MqttReasonCode.Banned => 5,
        _ => 3,
    };

    public static MqttReasonCode FromConnAck(byte code) => code switch
    {
        0 => MqttReasonCode.Success,
        1 => MqttReasonCode.UnsupportedProtocolVersion,
        2 => MqttReasonCode.ClientIdentifierNotValid,
        3 => MqttReasonCode.ServerUnavailable,
        4 => MqttReasonCode.BadUserNameOrPassword,
        5 => MqttReasonCode.NotAuthorized,
        _ => throw MqttProtocolException.Malformed($"CONNACK return code {code}"),
    };
}
