using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GridMeter.Server.Broker;

/// <summary>Healthy once the embedded broker listens; /health answers 503 before.</summary>
public sealed class BrokerReadiness : IHealthCheck
{
    private volatile bool _ready;

    public void MarkReady() => _ready = true;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_ready ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("the MQTT broker is starting"));
}
