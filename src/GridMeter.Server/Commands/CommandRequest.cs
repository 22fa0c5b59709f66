using System.Text.Json;

namespace GridMeter.Server.Commands;

/// <summary>POST /api/v1/meters/{id}/commands: {"command":"disconnect","parameters":{},"reason":"…"}, optionally "expiresAt".</summary>
public sealed record CommandRequest(string? Command, JsonElement? Parameters, string? Reason, DateTimeOffset? ExpiresAt);
