using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace GridMeter.Simulator.Devices;

/// <summary>
/// What a virtual meter does with a command from meters/{id}/commands (CONTRACT section 2): it
/// opens or closes its relay, switches its appliances, reads its registers, sets its clock; it
/// rejects what has expired, what it does not know and firmware (a virtual meter has none to
/// flash). Each command yields the answer for meters/{id}/commands/{cid}/result, plus the event
/// a real meter would report.
/// </summary>
public sealed class CommandResponder
{
    private readonly Dictionary<string, string> _appliances = new(StringComparer.Ordinal);

    /// <summary>"closed" (supply on) or "open" (disconnected).</summary>
    public string Relay { get; private set; } = "closed";

    public IReadOnlyDictionary<string, string> Appliances => _appliances;

    /// <summary>The answer to one command message, or null when the message is not a command at all.</summary>
    public CommandAnswer? Answer(ReadOnlySpan<byte> message, Instant now, Func<IReadOnlyDictionary<string, decimal>> registers, Func<string, bool> hasAppliance)
    {
        string id, command;
        JsonElement parameters;
        Instant? expiresAt;
        try
        {
            using var document = JsonDocument.Parse(message.ToArray());
            var root = document.RootElement;
            id = root.GetProperty("id").GetString()!;
            command = root.GetProperty("command").GetString()!;
            parameters = root.TryGetProperty("parameters", out var p) ? p.Clone() : default;
            expiresAt = root.TryGetProperty("expiresAt", out var e) && e.ValueKind == JsonValueKind.String
                && InstantPattern.ExtendedIso.Parse(e.GetString()!) is { Success: true } parsed ? parsed.Value : null;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
        if (expiresAt is { } at && at <= now)
        {
            return new(id, "rejected", new Dictionary<string, object?> { ["error"] = "expired" }, null);
        }
        return command switch
        {
            "disconnect" => Switch(id, "open", "relay_opened"),
            "reconnect" => Switch(id, "closed", "relay_closed"),
            "appliance_on" or "appliance_off" => SwitchAppliance(id, command == "appliance_on" ? "on" : "off", parameters, hasAppliance),
            "read_registers" => new(id, "succeeded", registers().ToDictionary(r => r.Key, r => (object?)r.Value), null),
            "set_time" => new(id, "succeeded", [], "clock_adjusted"),
            "firmware_update" => new(id, "rejected", new Dictionary<string, object?> { ["error"] = "a virtual meter has no firmware to flash" }, null),
            _ => new(id, "rejected", new Dictionary<string, object?> { ["error"] = $"unknown command '{command}'" }, null),
        };
    }

    private CommandAnswer Switch(string id, string relay, string eventType)
    {
        var changed = Relay != relay;
        Relay = relay;
        return new(id, "succeeded", new Dictionary<string, object?> { ["relay"] = relay }, changed ? eventType : null);
    }

    private CommandAnswer SwitchAppliance(string id, string state, JsonElement parameters, Func<string, bool> hasAppliance)
    {
        if (parameters.ValueKind != JsonValueKind.Object || !parameters.TryGetProperty("applianceId", out var appliance) || appliance.ValueKind != JsonValueKind.String)
        {
            return new(id, "rejected", new Dictionary<string, object?> { ["error"] = "applianceId is required" }, null);
        }
        if (!hasAppliance(appliance.GetString()!))
        {
            return new(id, "failed", new Dictionary<string, object?> { ["error"] = $"no appliance '{appliance.GetString()}' behind this meter" }, null);
        }
        _appliances[appliance.GetString()!] = state;
        return new(id, "succeeded", new Dictionary<string, object?> { ["applianceId"] = appliance.GetString(), ["state"] = state }, null);
    }
}
