namespace GridMeter.Server.Alerts;

/// <summary>One way of reaching people outside GridMeter: e-mail, SMS, webhook.</summary>
public interface IAlertChannel
{
    string Name { get; }

    /// <summary>Null when the person cannot be reached this way (no address): the delivery fails without retrying.</summary>
    string? AddressOf(OutgoingAlert alert);

    /// <summary>Sends; throws when the channel is down, so the outbox tries again later.</summary>
    Task SendAsync(OutgoingAlert alert, CancellationToken cancellationToken);
}
