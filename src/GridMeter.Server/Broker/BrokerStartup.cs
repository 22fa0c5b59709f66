using GridMeter.Mqtt.Broker;
using GridMeter.Server.Health;

namespace GridMeter.Server.Broker;

/// <summary>Once the broker listens, publishes its port on /health and in the log (port 0 picks a free one).</summary>
public sealed partial class BrokerStartup(MqttBroker broker, HealthFacts facts, BrokerReadiness readiness, ILogger<BrokerStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        facts.Set("mqttPort", broker.Port);
        if (broker.TlsPort is { } tlsPort)
        {
            facts.Set("mqttTlsPort", tlsPort);
        }
        readiness.MarkReady();
        LogListening(broker.Port);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT broker listening on port {Port}")]
    private partial void LogListening(int port);
}
