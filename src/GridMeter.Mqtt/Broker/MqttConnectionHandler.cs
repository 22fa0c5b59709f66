using Microsoft.AspNetCore.Connections;

namespace GridMeter.Mqtt.Broker;

/// <summary>The Kestrel connection handler that serves MQTT on an endpoint (see <c>ListenOptions.UseMqtt()</c>).</summary>
public sealed class MqttConnectionHandler(MqttBroker broker) : ConnectionHandler
{
    public override Task OnConnectedAsync(ConnectionContext connection) => new MqttServerConnection(broker, connection).RunAsync();
}
