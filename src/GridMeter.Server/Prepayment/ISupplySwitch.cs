namespace GridMeter.Server.Prepayment;

/// <summary>
/// Cuts or restores a meter's supply for prepayment. The device-commands slice carries these out
/// as disconnect/reconnect commands; <see cref="RecordedSupplySwitch"/> keeps every request as a
/// row in supply_switch_requests, in order, so none is lost whichever carries it out.
/// </summary>
public interface ISupplySwitch
{
    Task DisconnectAsync(string meterId, string reason, CancellationToken cancellationToken);

    Task ReconnectAsync(string meterId, string reason, CancellationToken cancellationToken);
}
