using GridMeter.Domain.Meters;
using GridMeter.Domain.Readings;
using GridMeter.Server.Audit;
using GridMeter.Server.Auth;
using GridMeter.Server.Consumption;
using GridMeter.Server.Hosting;
using GridMeter.Server.Meters;
using GridMeter.Server.Readings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridMeter.Server.Appliances;

public static class AppliancesApi
{
    public static IEndpointRouteBuilder MapAppliances(this IEndpointRouteBuilder app)
    {
        var appliances = app.MapGroup("/api/v1/meters/{id}/appliances").WithTags("Appliances");
        appliances.MapPost("/", CreateAsync).RequireAccess(Access.Change(Resources.Meter, Roles.Consumer, Roles.Supplier, Roles.Admin))
            .WithSummary("(the meter's consumer, its supplier, admin) Register a sub-meter or smart plug behind the meter");
        appliances.MapGet("/", ListAsync).RequireAccess(Access.MeterRead)
            .WithSummary("The appliances behind a meter, with the on/off state each last reported");
        appliances.MapPost("/{applianceId}/readings", PostReadingsAsync).RequireAccess(Access.Device)
            .Accepts<ReadingsMessage>("application/json")
            .WithSummary("The meter's device sends an appliance's register snapshots (HTTP Basic meterId:deviceSecret; readings payload, optional \"state\" per reading); 202 once committed");
        appliances.MapGet("/{applianceId}/consumption", ConsumptionAsync).RequireAccess(Access.MeterRead)
            .WithSummary("An appliance's consumption per bucket with count, min, max, avg, maximum demand and its share of the meter's (premises') total");
        return app;
    }

    private static async Task<Results<Created<ApplianceResponse>, NotFound, ValidationProblem, ProblemHttpResult>> CreateAsync(
        string id, CreateApplianceRequest request, HttpContext http, MeterDirectory meters, ApplianceRegistry appliances, AuditLog audit, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        var meter = await meters.FindVisibleAsync(id, caller, cancellationToken);
        if (meter is null)
        {
            return TypedResults.NotFound();
        }
        if (caller.Role == Roles.Operator)
        {
            return TypedResults.Problem("network operators read only", statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");
        }
        var errors = new Dictionary<string, string[]>();
        if (request.Id is null || !MeterId.IsValid(request.Id))
        {
            errors["id"] = ["required; 1 to 64 characters from A-Z a-z 0-9 . _ -"];
        }
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200)
        {
            errors["name"] = ["required; at most 200 characters"];
        }
        if (string.IsNullOrWhiteSpace(request.Type) || request.Type.Length > 50)
        {
            errors["type"] = ["required; at most 50 characters, such as heat-pump, ev-charger, plug"];
        }
        if (request.RatedPowerW is < 0 or > 1_000_000)
        {
            errors["ratedPowerW"] = ["between 0 and 1000000"];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var created = await appliances.CreateAsync(meter.Key, request.Id!, request.Name!, request.Type!, request.RatedPowerW, clock.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
        if (created is null)
        {
            return TypedResults.Problem($"meter '{meter.Id}' has an appliance '{request.Id}' already", statusCode: StatusCodes.Status409Conflict, title: "Appliance exists");
        }
        await audit.RecordAsync(new AuditEntry($"user:{caller.Username}", "appliance.registered", $"meter:{meter.Id}/appliance:{created.Id}", null,
            http.Connection.RemoteIpAddress?.ToString()), cancellationToken);
        return TypedResults.Created($"/api/v1/meters/{meter.Id}/appliances/{created.Id}", ApplianceResponse.From(created, meter.Id));
    }

    private static async Task<Results<Ok<IReadOnlyList<ApplianceResponse>>, NotFound>> ListAsync(
        string id, HttpContext http, MeterDirectory meters, ApplianceRegistry appliances, CancellationToken cancellationToken)
    {
        var meter = await meters.FindVisibleAsync(id, Caller.From(http.User)!, cancellationToken);
        return meter is null
            ? TypedResults.NotFound()
            : TypedResults.Ok<IReadOnlyList<ApplianceResponse>>([.. (await appliances.ListAsync(meter.Key, cancellationToken)).Select(a => ApplianceResponse.From(a, meter.Id))]);
    }

    private static async Task<Results<Accepted<ReadingsReceipt>, ProblemHttpResult>> PostReadingsAsync(
        string id, string applianceId, HttpContext http, MeterDirectory meters, ApplianceIngest ingest, CancellationToken cancellationToken)
    {
        if (http.User.FindFirst(DeviceBasicHandler.MeterClaim)?.Value != id)
        {
            return Problem(StatusCodes.Status403Forbidden, "A device may only send readings for its own meter id");
        }
        if (http.Request.ContentType?.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Readings are sent as application/json");
        }
        var meter = (await meters.FindAsync(id, cancellationToken))!;
        var payload = await RequestBody.ReadAsync(http.Request, ReadingLimits.MaxPayloadBytes, cancellationToken);
        var result = await ingest.IngestAsync(meter, applianceId, payload, $"http:{http.Request.Path}", cancellationToken);
        if (!result.IsStored)
        {
            var status = result.Rejection!.StartsWith("no appliance", StringComparison.Ordinal) ? StatusCodes.Status404NotFound
                : payload.Length > ReadingLimits.MaxPayloadBytes ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;
            return Problem(status, result.Rejection, "The readings were quarantined; nothing was stored");
        }
        var outcome = result.Outcome;
        return TypedResults.Accepted((string?)null, new ReadingsReceipt(outcome.Inserted, outcome.Duplicates, outcome.Conflicts));
    }

    private static async Task<Results<Ok<AggregateResponse>, NotFound, ValidationProblem>> ConsumptionAsync(
        string id, string applianceId, string? from, string? to, string? interval, string? obis, string? flow, string? version,
        HttpContext http, MeterDirectory meters, ApplianceRegistry appliances, Aggregates aggregates, CancellationToken cancellationToken)
    {
        var meter = await meters.FindVisibleAsync(id, Caller.From(http.User)!, cancellationToken);
        var appliance = meter is null ? null : await appliances.FindAsync(meter.Key, applianceId, cancellationToken);
        if (meter is null || appliance is null)
        {
            return TypedResults.NotFound();
        }
        var errors = new Dictionary<string, string[]>();
        var args = ConsumptionArguments.Parse(from, to, interval, version, obis, flow, meter.TimeZone, errors);
        return args is null
            ? TypedResults.ValidationProblem(errors)
            : TypedResults.Ok(await aggregates.ForApplianceAsync(meter, appliance, args, cancellationToken));
    }

    private static ProblemHttpResult Problem(int status, string detail, string? title = null) =>
        TypedResults.Problem(detail, statusCode: status, title: title);
}
