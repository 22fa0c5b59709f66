namespace GridMeter.Domain.Devices;

/// <summary>
/// The head-end's notices to one gateway (extending CONTRACT section 5): gateways/{id}/schedule, the
/// hourly schedule the site committed to, and gateways/{id}/prices, the external price feed. The
/// server publishes them (retained); only that gateway may subscribe to and receive them.
/// </summary>
public static class GatewayTopic
{
    public const string Root = "gateways/";
    public const string Schedule = "schedule";
    public const string Prices = "prices";

    public static string ScheduleOf(string gatewayId) => $"{Root}{gatewayId}/{Schedule}";

    public static string PricesOf(string gatewayId) => $"{Root}{gatewayId}/{Prices}";

    /// <summary>Whether <paramref name="topic"/> is exactly one of this gateway's notice topics (no wildcards).</summary>
    public static bool IsNoticeOf(string gatewayId, string topic) =>
        topic == ScheduleOf(gatewayId) || topic == PricesOf(gatewayId);
}
