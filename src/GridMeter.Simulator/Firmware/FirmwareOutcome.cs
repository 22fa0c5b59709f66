using System.Text.Json;

namespace GridMeter.Simulator.Firmware;

/// <summary>
/// How an update ended, as the meter tells the server: the command result (status and result
/// object), the firmware_activated or firmware_failed event, and the version it now runs.
/// </summary>
public sealed record FirmwareOutcome(string Status, string Stage, string RunningVersion, bool RolledBack, string? Error)
{
    public bool IsActivated => Status == "succeeded";

    /// <summary>The result payload for meters/{id}/commands/{cid}/result.</summary>
    public byte[] ResultPayload() => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
    {
        ["status"] = Status,
        ["result"] = new Dictionary<string, object?> { ["stage"] = Stage, ["version"] = RunningVersion, ["rolledBack"] = RolledBack, ["error"] = Error },
    });

    /// <summary>The event for meters/{id}/events; null when the command was refused before anything started.</summary>
    public byte[]? EventPayload(DateTimeOffset at) => Status == "rejected" ? null : JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
    {
        ["events"] = new[]
        {
            new Dictionary<string, object?>
            {
                ["ts"] = at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
                ["type"] = IsActivated ? "firmware_activated" : "firmware_failed",
                ["details"] = new Dictionary<string, object?> { ["stage"] = Stage, ["version"] = RunningVersion, ["rolledBack"] = RolledBack, ["error"] = Error },
            },
        },
    });

    /// <summary>The status payload with the version the meter runs now.</summary>
    public byte[] StatusPayload() => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?> { ["online"] = true, ["firmware"] = RunningVersion });
}
