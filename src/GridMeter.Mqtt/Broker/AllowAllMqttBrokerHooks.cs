namespace GridMeter.Mqtt.Broker;

/// <summary>The default hooks: everyone may connect, publish and subscribe (anonymous access still follows the options).</summary>
public sealed class AllowAllMqttBrokerHooks : IMqttBrokerHooks;
