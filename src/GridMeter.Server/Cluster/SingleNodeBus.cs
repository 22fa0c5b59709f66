namespace GridMeter.Server.Cluster;

/// <summary>
/// The bus of the embedded layout (SQLite): one process is the whole cluster, so there is no other
/// node to tell and every in-memory state is already complete.
/// </summary>
public sealed class SingleNodeBus : IClusterBus
{
    public void Publish(string channel, string payload)
    {
    }

    public void Subscribe(string channel, Action<string> handler)
    {
    }
}
