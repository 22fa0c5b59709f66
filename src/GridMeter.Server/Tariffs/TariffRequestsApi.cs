using System.Text.Json;
using GridMeter.Domain.Meters;
using GridMeter.Domain.Text;
using GridMeter.Server.Audit;
using GridMeter.Server.Auth;
using GridMeter.Server.Meters;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace GridMeter.Server.Tariffs;

/// <summary>
/// A consumer asks for another tariff of their supplier; the supplier approves (the meter is
/// assigned it from the date asked) or rejects, with a note. Both steps are audited on the meter,
/// and the request's status is what the consumer is shown.
/// </summary>
public static class TariffRequestsApi
{
    public static IEndpointRouteBuilder MapTariffRequests(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/meters/{id}/tariff-requests", CreateAsync).WithTags("Tariffs").RequireAccess(Access.Change(Resources.Meter, Roles.Consumer, Roles.Admin))
            .WithSummary("(the meter's consumer, or an admin for them) Ask the supplier for another of its tariffs: {tariffId, validFrom?, message?}");
        app.MapGet("/api/v1/tariff-requests", ListAsync).WithTags("Tariffs").RequireAccess(Billing.BillingAccess.ScopedMoney)
            .WithSummary("Tariff-change requests of the meters the caller may see, newest first; optional status (pending, approved, rejected)");
        app.MapGet("/api/v1/tariff-requests/{id}", GetAsync).WithTags("Tariffs")
            .RequireAccess(Access.Read(Resources.TariffRequest, Roles.Consumer, Roles.Supplier, Roles.Admin))
            .WithSummary("A tariff-change request and its answer");
        app.MapPost("/api/v1/tariff-requests/{id}/decision", DecideAsync).WithTags("Tariffs")
            .RequireAccess(Access.Change(Resources.TariffRequest, Roles.Supplier, Roles.Admin))
            .WithSummary("(supplier, admin) Approve (assigns the tariff from the date asked) or reject a pending request: {approve, note?}");
        return app;
    }

    private static async Task<Results<Created<TariffChangeResponse>, NotFound, ValidationProblem>> CreateAsync(
        string id, CreateTariffChangeRequest request, HttpContext http, MeterDirectory meters, TariffStore tariffs, TariffRequests requests,
        AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        if (await meters.FindVisibleAsync(id, caller, cancellationToken) is not { } meter)
        {
            return TypedResults.NotFound();
        }
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
            return TypedResults.ValidationProblem(errors);
        }
        var change = new TariffChange("TR-" + Guid.NewGuid().ToString("N")[..16], meter.Key, request.TariffId!, TariffDocuments.Format(validFrom),
            request.Message, caller.Username, "pending", null, null, now.ToUnixTimeMilliseconds(), null);
        await requests.AddAsync(change, cancellationToken);
        await audit.RecordAsync(AuditEntry.By(caller, http, "tariff.change_requested", $"meter:{meter.Id}",
            $"{{\"request\":\"{change.Id}\",\"tariff\":\"{change.TariffId}\",\"validFrom\":\"{change.ValidFrom}\"}}"), cancellationToken);
        return TypedResults.Created($"/api/v1/tariff-requests/{change.Id}", Response(change, meter.Id));
    }

    private static async Task<Results<Ok<TariffChangeList>, ValidationProblem>> ListAsync(
        string? status, HttpContext http, TariffRequests requests, MeterDirectory meters, CancellationToken cancellationToken)
    {
        if (status is not (null or "pending" or "approved" or "rejected"))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["pending, approved or rejected"] });
        }
        var list = new List<TariffChangeResponse>();
        foreach (var change in await requests.ListVisibleAsync(Caller.From(http.User)!, status, cancellationToken))
        {
            list.Add(Response(change, (await meters.FindByKeyAsync(change.MeterKey, cancellationToken))?.Id ?? ""));
        }
        return TypedResults.Ok(new TariffChangeList(list));
    }

    private static async Task<Results<Ok<TariffChangeResponse>, NotFound>> GetAsync(
        string id, HttpContext http, TariffRequests requests, MeterDirectory meters, CancellationToken cancellationToken) =>
        await requests.FindVisibleAsync(id, Caller.From(http.User)!, cancellationToken) is { } change
            ? TypedResults.Ok(Response(change, (await meters.FindByKeyAsync(change.MeterKey, cancellationToken))?.Id ?? ""))
            : TypedResults.NotFound();

    private static async Task<Results<Ok<TariffChangeResponse>, NotFound, ValidationProblem, ProblemHttpResult>> DecideAsync(
        string id, TariffChangeDecision decision, HttpContext http, TariffRequests requests, MeterDirectory meters, TariffStore tariffs,
        TariffAssigner assigner, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        if (await requests.FindVisibleAsync(id, caller, cancellationToken) is not { } change || await meters.FindByKeyAsync(change.MeterKey, cancellationToken) is not { } meter)
        {
            return TypedResults.NotFound();
        }
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
            return TypedResults.ValidationProblem(errors);
        }
        if (change.Status != "pending")
        {
            return TypedResults.Problem($"request '{id}' was {change.Status} already", statusCode: StatusCodes.Status409Conflict, title: "Decided already");
        }
        var status = decision.Approve!.Value ? "approved" : "rejected";
        if (decision.Approve.Value)
        {
            var tariff = await tariffs.FindAsync(change.TariffId, cancellationToken);
            var document = JsonSerializer.Deserialize(tariff!.Document, TariffsJson.Default.TariffDocument)! with { ValidFrom = change.ValidFrom };
            var parsed = TariffDocuments.Parse(document, errors);
            var refused = parsed is null ? "the tariff no longer parses" : await assigner.AssignAsync(meter, parsed, TariffDocuments.Write(document), change.TariffId,
                AuditEntry.By(caller, http, "tariff.assigned", $"meter:{meter.Id}", $"{{\"validFrom\":\"{change.ValidFrom}\",\"tariff\":\"{change.TariffId}\",\"request\":\"{id}\"}}"),
                cancellationToken);
            if (refused is not null)
            {
                return TypedResults.Problem(refused, statusCode: StatusCodes.Status409Conflict, title: "Cannot assign");
            }
        }
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (!await requests.DecideAsync(id, status, caller.Username, decision.Note, now, cancellationToken))
        {
            return TypedResults.Problem($"request '{id}' was decided already", statusCode: StatusCodes.Status409Conflict, title: "Decided already");
        }
        await audit.RecordAsync(AuditEntry.By(caller, http, $"tariff.change_{status}", $"meter:{meter.Id}", $"{{\"request\":\"{id}\"}}"), cancellationToken);
        return TypedResults.Ok(Response(change with { Status = status, DecidedBy = caller.Username, DecisionNote = decision.Note, DecidedAt = now }, meter.Id));
    }

    private static TariffChangeResponse Response(TariffChange c, string meterId) =>
        new(c.Id, meterId, c.TariffId, c.ValidFrom, c.Message, c.RequestedBy, c.Status, c.DecidedBy, c.DecisionNote, c.CreatedAt, c.DecidedAt);
}
