using System.Text.Json;

namespace GridMeter.Server.Commands;

/// <summary>What the meter receives on meters/{id}/commands (CONTRACT section 2).</summary>
public sealed record CommandMessage(string Id, string Command, JsonElement Parameters, DateTimeOffset ExpiresAt);
