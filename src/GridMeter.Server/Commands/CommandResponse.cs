using System.Text.Json;

namespace GridMeter.Server.Commands;

/// <summary>A command as GET /api/v1/commands/{id} shows it (CONTRACT section 3), with its history in times.</summary>
public sealed record CommandResponse(
    string Id,
    string MeterId,
    string Command,
    JsonElement Parameters,
    string Status,
    JsonElement? Result,
    string? Reason,
    string RequestedBy,
    string? ApprovedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? SentAt,
    DateTimeOffset? CompletedAt);
