using System.Text.Json;

namespace GridMeter.Server.Commands;

/// <summary>A row of the commands table, with its meter's id, as Dapper reads it.</summary>
public sealed record CommandRow(
    long Key,
    string Id,
    long MeterKey,
    string MeterId,
    string Command,
    string Parameters,
    string? Reason,
    string Status,
    string RequestedBy,
    long? RequesterKey,
    string? SupplierId,
    string? ApprovedBy,
    string? Result,
    long CreatedAt,
    long ExpiresAt,
    long? SentAt,
    long? CompletedAt)
{
    public const string Columns =
        "c.key, c.id, c.meter_key AS MeterKey, m.id AS MeterId, c.command, c.parameters, c.reason, c.status, c.requested_by AS RequestedBy, " +
        "c.requester_key AS RequesterKey, c.supplier_id AS SupplierId, c.approved_by AS ApprovedBy, c.result, c.created_at AS CreatedAt, " +
        "c.expires_at AS ExpiresAt, c.sent_at AS SentAt, c.completed_at AS CompletedAt";

    public CommandResponse ToResponse() => new(
        Id,
        MeterId,
        Command,
        Json(Parameters)!.Value,
        Status,
        Json(Result),
        Reason,
        RequestedBy,
        ApprovedBy,
        DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt),
        DateTimeOffset.FromUnixTimeMilliseconds(ExpiresAt),
        SentAt is { } sent ? DateTimeOffset.FromUnixTimeMilliseconds(sent) : null,
        CompletedAt is { } done ? DateTimeOffset.FromUnixTimeMilliseconds(done) : null);

    public CommandMessage ToMessage() => new(Id, Command, Json(Parameters)!.Value, DateTimeOffset.FromUnixTimeMilliseconds(ExpiresAt));

    private static JsonElement? Json(string? text) => text is null ? null : JsonDocument.Parse(text).RootElement.Clone();
}
