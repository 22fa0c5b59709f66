namespace GridMeter.Server.Cluster;

/// <summary>Runs the PostgreSQL bus's listener and sender while the host runs; nothing to run for a single node.</summary>
public sealed class ClusterBusStartup(IClusterBus bus) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        bus is PostgresClusterBus postgres ? postgres.StartAsync(cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) =>
        bus is PostgresClusterBus postgres ? postgres.StopAsync(cancellationToken) : Task.CompletedTask;
}
