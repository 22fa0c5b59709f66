namespace GridMeter.Domain.Devices;

/// <summary>
/// Who may use which topic (CONTRACT section 2). A device publishes only under meters/{its id}/
/// and subscribes only to its commands and errors; a gateway does the same for each meter assigned
/// to it. A gateway also subscribes to its own notices, gateways/{its id}/schedule and
/// gateways/{its id}/prices (<see cref="GatewayTopic"/>), published only by the server. Anonymous
/// clients (when allowed) use anything outside meters/ and gateways/, never inside them.
/// </summary>
public static class TopicAcl
{
    public static bool MayPublish(DeviceIdentity? device, string topic)
    {
        if (device is null)
        {
            return !IsDeviceTopic(topic);
        }
        return DeviceTopic.TryParse(topic, out var parsed)
            && device.Speaks(parsed.MeterId)
            && parsed.Kind is not (DeviceTopicKind.Commands or DeviceTopicKind.Errors);
    }

    public static bool MaySubscribe(DeviceIdentity? device, string filter)
    {
        if (device is null)
        {
            // A wildcard at the first level could reach meters/: anonymous clients may subscribe,
            // but messages on device topics are never delivered to them (see MayReceive).
            return !IsDeviceTopic(filter);
        }
        if (device.IsGateway && GatewayTopic.IsNoticeOf(device.Id, filter))
        {
            return true;
        }
        return DeviceTopic.TryParse(filter, out var parsed)
            && device.Speaks(parsed.MeterId)
            && parsed.Kind is DeviceTopicKind.Commands or DeviceTopicKind.Errors;
    }

    /// <summary>Whether a message on <paramref name="topic"/> may reach this subscriber at all.</summary>
    public static bool MayReceive(DeviceIdentity? device, string topic) =>
        device is null ? !IsDeviceTopic(topic)
        : (DeviceTopic.TryParse(topic, out var parsed) && device.Speaks(parsed.MeterId)) || (device.IsGateway && GatewayTopic.IsNoticeOf(device.Id, topic));

    private static bool IsDeviceTopic(string topicOrFilter) =>
        topicOrFilter is "meters" or "gateways"
        || topicOrFilter.StartsWith(DeviceTopic.Root, StringComparison.Ordinal)
        || topicOrFilter.StartsWith(GatewayTopic.Root, StringComparison.Ordinal);
}
