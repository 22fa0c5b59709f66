namespace GridMeter.Server.Broker;

/// <summary>
/// Device logins at the broker, told of each provisioning. The embedded broker checks the store
/// itself, and an EMQX-style broker asks /api/v1/broker/authenticate, so only Mosquitto's dynamic
/// security needs telling (GridMeter:Mqtt:MosquittoDynamicSecurity).
/// </summary>
public sealed partial class BrokerAccounts(IServiceProvider services, ILogger<BrokerAccounts> logger)
{
    /// <summary>A meter or gateway was provisioned with this secret; false when the broker could not be told.</summary>
    public async Task<bool> ProvisionedAsync(string deviceId, string secret, IReadOnlyList<string> meterIds, bool isGateway, CancellationToken cancellationToken)
    {
        if (services.GetService<ExternalBrokerConnection>()?.DynamicSecurity is not { } dynamicSecurity)
        {
            return true;
        }
        var done = await dynamicSecurity.ProvisionAsync(deviceId, secret, meterIds, isGateway, cancellationToken);
        if (!done)
        {
            LogNotTold(deviceId);
        }
        return done;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The broker did not take the login of {DeviceId}; the device cannot connect until it is provisioned again")]
    private partial void LogNotTold(string deviceId);
}
