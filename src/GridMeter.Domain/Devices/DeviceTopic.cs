using Ids = GridMeter.Domain.Meters.MeterId;

namespace GridMeter.Domain.Devices;

/// <summary>
/// A topic of the device protocol, taken apart: meters/{meterId}/readings,
/// meters/{meterId}/appliances/{applianceId}/readings, meters/{meterId}/commands/{commandId}/result …
/// </summary>
public readonly record struct DeviceTopic(DeviceTopicKind Kind, string MeterId, string? SubId = null)
{
    public const string Root = "meters/";

    /// <summary>Parses a topic under meters/; false for anything else, including malformed ids.</summary>
    public static bool TryParse(string topic, out DeviceTopic parsed)
    {
        parsed = default;
        if (!topic.StartsWith(Root, StringComparison.Ordinal))
        {
            return false;
        }
        var parts = topic.Split('/');
        if (parts.Length < 3 || !Ids.IsValid(parts[1]))
        {
            return false;
        }
        var meterId = parts[1];
        parsed = (parts.Length, parts[2]) switch
        {
            (3, "readings") => new(DeviceTopicKind.Readings, meterId),
            (3, "live") => new(DeviceTopicKind.Live, meterId),
            (3, "events") => new(DeviceTopicKind.Events, meterId),
            (3, "status") => new(DeviceTopicKind.Status, meterId),
            (3, "commands") => new(DeviceTopicKind.Commands, meterId),
            (3, "errors") => new(DeviceTopicKind.Errors, meterId),
            (5, "appliances") when parts[4] == "readings" && Ids.IsValid(parts[3]) => new(DeviceTopicKind.ApplianceReadings, meterId, parts[3]),
            (5, "commands") when parts[4] == "result" && Ids.IsValid(parts[3]) => new(DeviceTopicKind.CommandResult, meterId, parts[3]),
            _ => new(DeviceTopicKind.Unknown, meterId),
        };
        return true;
    }

    public static string ErrorsOf(string meterId) => $"{Root}{meterId}/errors";

    public static string CommandsOf(string meterId) => $"{Root}{meterId}/commands";
}
