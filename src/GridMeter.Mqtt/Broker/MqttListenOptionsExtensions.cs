using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace GridMeter.Mqtt.Broker;

public static class MqttListenOptionsExtensions
{
    /// <summary>
    /// Serves MQTT on this Kestrel endpoint (after <c>UseHttps</c> for TLS, then pass <paramref name="tls"/>) and
    /// lets <see cref="MqttBroker.Port"/> / <see cref="MqttBroker.TlsPort"/> report its bound port.
    /// Needs <c>services.AddMqttBroker(o => o.Listen = false)</c> when the broker's own listener is not wanted.
    /// </summary>
    public static ListenOptions UseMqtt(this ListenOptions listenOptions, bool tls = false)
    {
        var broker = listenOptions.ApplicationServices.GetRequiredService<MqttBroker>();
        broker.AddListener(listenOptions, tls);
        listenOptions.UseConnectionHandler<MqttConnectionHandler>();
        return listenOptions;
    }
}
