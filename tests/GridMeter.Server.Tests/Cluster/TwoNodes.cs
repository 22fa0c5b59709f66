using GridMeter.Server.Cluster;
using Microsoft.Extensions.DependencyInjection;

namespace GridMeter.Server.Tests.Cluster;

/// <summary>Two server nodes on one PostgreSQL schema, each listening on the cluster bus before the test begins.</summary>
public sealed class TwoNodes : IAsyncDisposable
{
    private TwoNodes(GridMeterApp a, GridMeterApp b)
    {
        A = a;
        B = b;
    }

    public GridMeterApp A { get; }

    public GridMeterApp B { get; }

    public static async Task<TwoNodes> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var postgres = await TestPostgres.NewSchemaAsync();
        var a = await GridMeterApp.StartAsync(StorageBackend.Postgres, postgres: postgres, settings: settings);
        var b = await GridMeterApp.StartAsync(StorageBackend.Postgres, postgres: postgres, settings: settings);
        foreach (var node in new[] { a, b })
        {
            var bus = Assert.IsType<PostgresClusterBus>(node.Services.GetRequiredService<IClusterBus>());
            await bus.Listening.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        }
        return new TwoNodes(a, b);
    }

    public async ValueTask DisposeAsync()
    {
        await B.DisposeAsync();
        await A.DisposeAsync();
    }
}
