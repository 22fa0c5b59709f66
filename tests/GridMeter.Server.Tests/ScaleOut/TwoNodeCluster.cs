namespace GridMeter.Server.Tests.ScaleOut;

/// <summary>Two nodes behind one Mosquitto on one PostgreSQL schema, shared by the tests of a class.</summary>
public sealed class TwoNodeCluster : IAsyncLifetime
{
    private ScaleOutCluster? _cluster;

    public ScaleOutCluster Cluster => _cluster ?? throw new InvalidOperationException("not started");

    public async ValueTask InitializeAsync() => _cluster = await ScaleOutCluster.StartAsync(nodes: 2);

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
