using System.Text.Json;
using GridMeter.Domain.Meters;

namespace GridMeter.Domain.Commands;

/// <summary>The commands meters understand (CONTRACT section 2) and the parameters each needs.</summary>
public static class CommandCatalog
{
    public const string Disconnect = "disconnect";
    public const string Reconnect = "reconnect";
    public const string ApplianceOn = "appliance_on";
    public const string ApplianceOff = "appliance_off";
    public const string SetTime = "set_time";
    public const string ReadRegisters = "read_registers";
    public const string FirmwareUpdate = "firmware_update";

    public static readonly IReadOnlyList<string> All = [Disconnect, Reconnect, ApplianceOn, ApplianceOff, SetTime, ReadRegisters, FirmwareUpdate];

    /// <summary>Commands that cut or restore supply: supplier staff only, with a reason, rate limited and audited.</summary>
    public static bool SwitchesSupply(string command) => command is Disconnect or Reconnect;

    public static bool IsAppliance(string command) => command is ApplianceOn or ApplianceOff;

    /// <summary>Null when <paramref name="parameters"/> suit <paramref name="command"/>; otherwise what is wrong.</summary>
    public static string? CheckParameters(string command, JsonElement parameters)
    {
        if (parameters.ValueKind != JsonValueKind.Object)
        {
            return "'parameters' must be a JSON object";
        }
        return command switch
        {
            ApplianceOn or ApplianceOff => ApplianceIdOf(parameters) is null ? "'applianceId' is required: 1 to 64 characters A-Z a-z 0-9 . _ -" : null,
            FirmwareUpdate => CheckFirmware(parameters),
            SetTime when parameters.TryGetProperty("time", out var time) && time.ValueKind != JsonValueKind.String => "'time' must be an RFC 3339 string",
            _ => null,
        };
    }

    /// <summary>The appliance an appliance_on/off command names, when well formed.</summary>
    public static string? ApplianceIdOf(JsonElement parameters) =>
        parameters.ValueKind == JsonValueKind.Object
        && parameters.TryGetProperty("applianceId", out var id) && id.ValueKind == JsonValueKind.String
        && id.GetString() is { } text && MeterId.IsValid(text) ? text : null;

    private static string? CheckFirmware(JsonElement parameters)
    {
        var url = parameters.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
        var sha = parameters.TryGetProperty("sha256", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        var size = parameters.TryGetProperty("size", out var n) && n.ValueKind == JsonValueKind.Number && n.TryGetInt64(out var v) ? v : -1;
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return "'url' must be an absolute http(s) URL";
        }
        if (sha is not { Length: 64 } || !sha.All(Uri.IsHexDigit))
        {
            return "'sha256' must be 64 hexadecimal digits";
        }
        return size <= 0 ? "'size' must be a positive number of bytes" : null;
    }
}
