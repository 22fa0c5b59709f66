using Dapper;
using GridMeter.Server.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GridMeter.Server.Health;

public sealed class StorageHealthCheck(IDatabase database, StorageReadiness readiness) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!readiness.IsReady)
        {
            return HealthCheckResult.Unhealthy("the schema is being migrated");
        }
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT 1", cancellationToken: cancellationToken));
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("the store does not answer", e);
        }
    }
}
