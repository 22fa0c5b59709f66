using GridMeter.Server.Health;

namespace GridMeter.Server.Storage;

/// <summary>Migrates the schema before anything else starts, then reports the store ready.</summary>
public sealed class MigrationStartup(Migrator migrator, StorageReadiness readiness) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await migrator.MigrateAsync(cancellationToken);
        readiness.MarkReady();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
