using System.Text.Json;
using GridMeter.Domain.Meters;
using GridMeter.Domain.Text;
using GridMeter.Server.Audit;
using GridMeter.Server.Auth;
using GridMeter.Server.Meters;
using NodaTime;

namespace GridMeter.Server.Tariffs;

/// <summary>What asking for a tariff change or deciding one came to: the request as it stands, or why not.</summary>
public sealed record TariffChangeOutcome(TariffChange? Change, Dictionary<string, string[]> Errors, string? Conflict, string? ConflictTitle)
{
    public static TariffChangeOutcome Done(TariffChange change) => new(change, [], null, null);

    public static TariffChangeOutcome Invalid(Dictionary<string, string[]> errors) => new(null, errors, null, null);

    public static TariffChangeOutcome Refused(string conflict, string title) => new(null, [], conflict, title);
}

/// <summary>
/// The rules of tariff-change requests, for the API and the portal alike: a consumer asks for
/// another tariff of the meter's supplier from a date (default the first of next month); the
/// supplier approves (the meter is assigned the tariff from that date) or rejects, once. Each step
/// is audited on the meter.
/// </summary>
public sealed class TariffChanges(TariffStore tariffs, TariffRequests requests, TariffAssigner assigner, AuditLog audit, TimeProvider clock)
{
    public async Task<TariffChangeOutcome> RequestAsync(Meter meter, CreateTariffChangeRequest request, Caller caller, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.TariffId is null || !MeterId.IsValid(request.TariffId)
            || await tariffs.FindAsync(request.TariffId, cancellationToken) is not { } tariff || tariff.SupplierId != meter.SupplierId)
        {
            errors["tariffId"] = ["a tariff of the meter's supplier"];
        }
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var validFrom = now.InZone(meter.TimeZone).Date.With(DateAdjusters.StartOfMonth).PlusMonths(1);
        if (request.ValidFrom is not null && (!TariffDocuments.TryDate(request.ValidFrom, out validFrom) || validFrom < now.InZone(meter.TimeZone).Date))
        {
            errors["validFrom"] = ["a local date yyyy-MM-dd, today or later"];
        }
        if (request.Message is not null && !PlainText.IsValid(request.Message, 1000))
        {
            errors["message"] = ["at most 1000 characters of plain text"];
        }
        if (errors.Count > 0)
        {
            return TariffChangeOutcome.Invalid(errors);
        }
        var change = new TariffChange("TR-" + Guid.NewGuid().ToString("N")[..16], meter.Key, request.TariffId!, TariffDocuments.Format(validFrom),
            request.Message, caller.Username, "pending", null, null, now.ToUnixTimeMilliseconds(), null);
        await requests.AddAsync(change, cancellationToken);
        await audit.RecordAsync(AuditEntry.By(caller, http, "tariff.change_requested", $"meter:{meter.Id}",
            $"{{\"request\":\"{change.Id}\",\"tariff\":\"{change.TariffId}\",\"validFrom\":\"{change.ValidFrom}\"}}"), cancellationToken);
        return TariffChangeOutcome.Done(change);
    }

    public async Task<TariffChangeOutcome> DecideAsync(
        TariffChange change, Meter meter, TariffChangeDecision decision, Caller caller, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (decision.Approve is null)
        {
            errors["approve"] = ["required: true or false"];
        }
        if (decision.Note is not null && !PlainText.IsValid(decision.Note, 1000))
        {
            errors["note"] = ["at most 1000 characters of plain text"];
        }
        if (errors.Count > 0)
        {
            return TariffChangeOutcome.Invalid(errors);
        }
        if (change.Status != "pending")
        {
            return TariffChangeOutcome.Refused($"request '{change.Id}' was {change.Status} already", "Decided already");
        }
        var status = decision.Approve!.Value ? "approved" : "rejected";
        if (decision.Approve.Value)
        {
            var tariff = await tariffs.FindAsync(change.TariffId, cancellationToken);
            var document = JsonSerializer.Deserialize(tariff!.Document, TariffsJson.Default.TariffDocument)! with { ValidFrom = change.ValidFrom };
            var parsed = TariffDocuments.Parse(document, errors);
            var refused = parsed is null ? "the tariff no longer parses" : await assigner.AssignAsync(meter, parsed, TariffDocuments.Write(document), change.TariffId,
                AuditEntry.By(caller, http, "tariff.assigned", $"meter:{meter.Id}", $"{{\"validFrom\":\"{change.ValidFrom}\",\"tariff\":\"{change.TariffId}\",\"request\":\"{change.Id}\"}}"),
                cancellationToken);
            if (refused is not null)
            {
                return TariffChangeOutcome.Refused(refused, "Cannot assign");
            }
        }
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (!await requests.DecideAsync(change.Id, status, caller.Username, decision.Note, now, cancellationToken))
        {
            return TariffChangeOutcome.Refused($"request '{change.Id}' was decided already", "Decided already");
        }
        await audit.RecordAsync(AuditEntry.By(caller, http, $"tariff.change_{status}", $"meter:{meter.Id}", $"{{\"request\":\"{change.Id}\"}}"), cancellationToken);
        return TariffChangeOutcome.Done(change with { Status = status, DecidedBy = caller.Username, DecisionNote = decision.Note, DecidedAt = now });
    }
}
