namespace GridMeter.Server.Tariffs;

/// <summary>A consumer's request to move a meter to another tariff of its supplier, and the supplier's answer.</summary>
public sealed record TariffChange(
    string Id, long MeterKey, string TariffId, string ValidFrom, string? Message, string RequestedBy, string Status,
    string? DecidedBy, string? DecisionNote, long CreatedAt, long? DecidedAt);

/// <summary>POST /api/v1/meters/{id}/tariff-requests: the tariff wanted, from when (default: the first of next month), and a note.</summary>
public sealed record CreateTariffChangeRequest(string? TariffId, string? ValidFrom, string? Message);

/// <summary>POST /api/v1/tariff-requests/{id}/decision: approve or reject, with a note the consumer sees.</summary>
public sealed record TariffChangeDecision(bool? Approve, string? Note);

public sealed record TariffChangeResponse(
    string Id, string MeterId, string TariffId, string ValidFrom, string? Message, string RequestedBy, string Status,
    string? DecidedBy, string? DecisionNote, long CreatedAt, long? DecidedAt);

public sealed record TariffChangeList(IReadOnlyList<TariffChangeResponse> Items);
