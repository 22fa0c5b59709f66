using GridMeter.Server.Auth;
using GridMeter.Server.Meters;
using Microsoft.AspNetCore.Http.HttpResults;

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
        string id, CreateTariffChangeRequest request, HttpContext http, MeterDirectory meters, TariffChanges changes, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        if (await meters.FindVisibleAsync(id, caller, cancellationToken) is not { } meter)
        {
            return TypedResults.NotFound();
        }
        var outcome = await changes.RequestAsync(meter, request, caller, http, cancellationToken);
        return outcome.Change is { } change
            ? TypedResults.Created($"/api/v1/tariff-requests/{change.Id}", Response(change, meter.Id))
            : TypedResults.ValidationProblem(outcome.Errors);
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
        string id, TariffChangeDecision decision, HttpContext http, TariffRequests requests, MeterDirectory meters, TariffChanges changes,
        CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        if (await requests.FindVisibleAsync(id, caller, cancellationToken) is not { } change || await meters.FindByKeyAsync(change.MeterKey, cancellationToken) is not { } meter)
        {
            return TypedResults.NotFound();
        }
        var outcome = await changes.DecideAsync(change, meter, decision, caller, http, cancellationToken);
        if (outcome.Change is { } decided)
        {
            return TypedResults.Ok(Response(decided, meter.Id));
        }
        return outcome.Conflict is { } conflict
            ? TypedResults.Problem(conflict, statusCode: StatusCodes.Status409Conflict, title: outcome.ConflictTitle)
            : TypedResults.ValidationProblem(outcome.Errors);
    }

    public static TariffChangeResponse Response(TariffChange c, string meterId) =>
        new(c.Id, meterId, c.TariffId, c.ValidFrom, c.Message, c.RequestedBy, c.Status, c.DecidedBy, c.DecisionNote, c.CreatedAt, c.DecidedAt);
}
