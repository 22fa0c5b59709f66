namespace GridMeter.Server.Cluster;

/// <summary>
/// Notifications between the server nodes of one installation: what one node changed in its
/// memory (a live value, a command's status, a meter going down) reaches the others. Delivery is
/// at most once, to the nodes connected at the time; the database stays the truth, so a node that
/// misses a message only shows something late, never wrongly for long.
/// </summary>
public interface IClusterBus
{
    /// <summary>Sends <paramref name="payload"/> to every other node's subscribers of <paramref name="channel"/>; never blocks.</summary>
    void Publish(string channel, string payload);

    /// <summary>Calls <paramref name="handler"/> with what other nodes publish on <paramref name="channel"/>.</summary>
    void Subscribe(string channel, Action<string> handler);
}
