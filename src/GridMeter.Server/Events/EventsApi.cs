using GridMeter.Server.Auth;
using GridMeter.Server.Consumption;
using GridMeter.Server.Meters;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace GridMeter.Server.Events;

public static class EventsApi
{
    public static IEndpointRouteBuilder MapEvents(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/meters/{id}/events", ListAsync)
            .WithTags("Events")
            .RequireAuthorization()
            .WithSummary("Events the meter reported, newest first; optional from, to (local date or RFC 3339), type and limit");
        return app;
    }

    private static async Task<Results<Ok<MeterEventList>, NotFound, ValidationProblem>> ListAsync(
        string id, string? from, string? to, string? type, int? limit,
        HttpContext http, MeterDirectory meters, MeterEventStore events, TimeProvider clock, CancellationToken cancellationToken)
    {
        var meter = await meters.FindVisibleAsync(id, Caller.From(http.User)!, cancellationToken);
        if (meter is null)
        {
            return TypedResults.NotFound();
        }
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var start = Instant.MinValue;
        var end = now + Duration.FromDays(1);
        var errors = new Dictionary<string, string[]>();
        if (from is not null && !TimeArgument.TryParse(from, meter.TimeZone, out start))
        {
            errors["from"] = ["a local date or an RFC 3339 instant with offset"];
        }
        if (to is not null && !TimeArgument.TryParse(to, meter.TimeZone, out end))
        {
            errors["to"] = ["a local date or an RFC 3339 instant with offset"];
        }
        if (limit is < 1 or > 1000)
        {
            errors["limit"] = ["1 to 1000"];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var list = await events.ListAsync(meter.Key, Max(start, Instant.FromUnixTimeMilliseconds(0)), end, type, limit ?? 100, cancellationToken);
        return TypedResults.Ok(new MeterEventList(meter.Id, [.. list.Select(MeterEventResponse.From)]));
    }

    private static Instant Max(Instant a, Instant b) => a > b ? a : b;
}
