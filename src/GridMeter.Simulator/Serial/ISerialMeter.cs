namespace GridMeter.Simulator.Serial;

/// <summary>A virtual meter's behaviour on one connection: a pseudo-terminal or a TCP socket.</summary>
public interface ISerialMeter
{
    /// <summary>Speaks until the connection closes or <paramref name="cancellationToken"/> fires.</summary>
    Task RunAsync(Stream wire, CancellationToken cancellationToken);
}
