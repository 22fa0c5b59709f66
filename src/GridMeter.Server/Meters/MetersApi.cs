using GridMeter.Server.Accounts;
using GridMeter.Server.Audit;
using GridMeter.Server.Auth;
using GridMeter.Server.Devices;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridMeter.Server.Meters;

public static class MetersApi
{
    public static IEndpointRouteBuilder MapMeters(this IEndpointRouteBuilder app)
    {
        var meters = app.MapGroup("/api/v1/meters").WithTags("Meters");
        meters.MapPost("/", CreateAsync)
            .RequireAccess(Access.Change(null, Roles.Admin, Roles.Supplier))
            .WithSummary("Provision a meter; the answer holds its device secret, shown only this once");
        meters.MapGet("/", ListAsync)
            .RequireAccess(Access.Scoped)
            .WithSummary("The meters the caller may see");
        meters.MapGet("/{id}", GetAsync)
            .RequireAccess(Access.MeterRead)
            .WithSummary("One meter");
        return app;
    }

    private static async Task<Results<Created<MeterResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateMeterRequest request, HttpContext http, MeterDirectory directory, Organisations organisations, AuditLog audit, TimeProvider clock,
        Broker.BrokerAccounts brokerAccounts, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        var errors = MeterValidation.Check(request, caller);
        var supplierId = caller.Role == Roles.Supplier ? caller.OrganisationId : request.SupplierId;
        await CheckOrganisationAsync(organisations, supplierId, Organisation.SupplierKind, "supplierId", errors, cancellationToken);
        await CheckOrganisationAsync(organisations, request.NetworkOperatorId, Organisation.NetworkOperatorKind, "networkOperatorId", errors, cancellationToken);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var secret = DeviceSecret.Generate();
        var meter = new Meter(
            0, request.Id!, NodaTime.DateTimeZoneProviders.Tzdb[request.TimeZone!], request.Phases ?? 1, DeviceSecret.Hash(secret),
            supplierId, request.NetworkOperatorId, request.Name, request.Model, request.ReadingPeriodMinutes ?? 15,
            request.MaxCurrentA ?? 63, request.NominalVoltageV ?? 230, NodaTime.Instant.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds()));
        if (!await directory.CreateAsync(meter, cancellationToken))
        {
            return TypedResults.Problem($"meter '{meter.Id}' exists already", statusCode: StatusCodes.Status409Conflict, title: "Meter exists");
        }
        await audit.RecordAsync(AuditEntry.By(caller, http, "meter.created", $"meter:{meter.Id}"), cancellationToken);
        await brokerAccounts.ProvisionedAsync(meter.Id, secret, [meter.Id], isGateway: false, cancellationToken);
        return TypedResults.Created($"/api/v1/meters/{meter.Id}", MeterResponse.From(meter, secret));
    }

    private static async Task<Ok<MeterList>> ListAsync(
        HttpContext http, MeterDirectory directory, CancellationToken cancellationToken, int offset = 0, int limit = 100)
    {
        offset = Math.Max(offset, 0);
        limit = Math.Clamp(limit, 1, 1000);
        var meters = await directory.ListVisibleAsync(Caller.From(http.User)!, offset, limit, cancellationToken);
        return TypedResults.Ok(new MeterList([.. meters.Select(m => MeterResponse.From(m))], offset, limit));
    }

    private static async Task<Results<Ok<MeterResponse>, NotFound>> GetAsync(
        string id, HttpContext http, MeterDirectory directory, DeviceStatusStore status, CancellationToken cancellationToken)
    {
        var meter = await directory.FindVisibleAsync(id, Caller.From(http.User)!, cancellationToken);
        return meter is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(MeterResponse.From(meter, status: await status.GetAsync(meter.Key, cancellationToken)));
    }

    private static async Task CheckOrganisationAsync(
        Organisations organisations, string? id, string kind, string field, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (id is not null && !errors.ContainsKey(field) && (await organisations.FindAsync(id, cancellationToken))?.Kind != kind)
        {
            errors[field] = [$"no {kind} organisation '{id}'"];
        }
    }
}
