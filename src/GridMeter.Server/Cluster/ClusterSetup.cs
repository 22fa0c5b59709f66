using GridMeter.Server.Storage;
using Microsoft.Extensions.Options;

namespace GridMeter.Server.Cluster;

public static class ClusterSetup
{
    /// <summary>The cluster bus (LISTEN/NOTIFY on PostgreSQL, a single node on SQLite), job leases and shared rate-limit windows.</summary>
    public static IHostApplicationBuilder AddCluster(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SingleNodeBus>();
        builder.Services.AddSingleton<PostgresClusterBus>();
        builder.Services.AddSingleton<IClusterBus>(services =>
            services.GetRequiredService<IOptions<StorageOptions>>().Value.Kind == StorageProvider.Postgres
                ? services.GetRequiredService<PostgresClusterBus>()
                : services.GetRequiredService<SingleNodeBus>());
        builder.Services.AddHostedService<ClusterBusStartup>();
        builder.Services.AddSingleton<RateWindows>();
        builder.Services.AddSingleton<JobLease>();
        return builder;
    }
}
