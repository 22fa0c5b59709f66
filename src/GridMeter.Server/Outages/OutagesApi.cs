using GridMeter.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using NodaTime.Text;

namespace GridMeter.Server.Outages;

public static class OutagesApi
{
    public static IEndpointRouteBuilder MapOutages(this IEndpointRouteBuilder app)
    {
        var outages = app.MapGroup("/api/v1/outages").WithTags("Outages");
        outages.MapGet("/", ListAsync).RequireAccess(Access.ScopedTo(Roles.Operator, Roles.Admin))
            .WithSummary("(network operators: their network; admin) Outages newest first, one premises or a feeder each; optional status (open, restored), from, to (RFC 3339), limit");
        outages.MapGet("/reliability", ReliabilityAsync).RequireAccess(Access.ScopedTo(Roles.Operator, Roles.Admin))
            .WithSummary("(network operators: their network; admin) SAIDI (minutes) and SAIFI per customer served over [from, to), RFC 3339; " +
                "interruptions of five minutes or less are momentary and left out (IEEE 1366)");
        return app;
    }

    private static async Task<Results<Ok<OutageList>, ValidationProblem>> ListAsync(
        string? status, string? from, string? to, int? limit, HttpContext http, OutageRecords records, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var start = Parse(from, Instant.FromUnixTimeMilliseconds(0), "from", errors);
        var end = Parse(to, Instant.FromDateTimeOffset(clock.GetUtcNow()) + Duration.FromDays(1), "to", errors);
        if (status is not (null or "open" or "restored"))
        {
            errors["status"] = ["open or restored"];
        }
        if (limit is < 1 or > 1000)
        {
            errors["limit"] = ["1 to 1000"];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        bool? open = status is null ? null : status == "open";
        return TypedResults.Ok(new OutageList(await records.ListAsync(Caller.From(http.User)!, open, start, end, limit ?? 100, cancellationToken)));
    }

    private static async Task<Results<Ok<ReliabilityResponse>, ValidationProblem>> ReliabilityAsync(
        string? from, string? to, HttpContext http, OutageRecords records, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var start = Parse(from, null, "from", errors);
        var end = Parse(to, null, "to", errors);
        if (errors.Count == 0 && (end <= start || end - start > Duration.FromDays(3660)))
        {
            errors["to"] = ["after from, and at most ten years after it"];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var indices = await records.ReliabilityAsync(Caller.From(http.User)!, start, end, now, cancellationToken);
        return TypedResults.Ok(new ReliabilityResponse(start.ToDateTimeOffset(), end.ToDateTimeOffset(), indices.Saidi, indices.Saifi,
            indices.CustomersServed, indices.CustomersInterrupted, indices.CustomerMinutes));
    }

    private static Instant Parse(string? text, Instant? fallback, string name, Dictionary<string, string[]> errors)
    {
        if (text is null && fallback is { } value)
        {
            return value;
        }
        var parsed = text is null ? null : OffsetDateTimePattern.ExtendedIso.Parse(text);
        if (parsed is null || !parsed.Success)
        {
            errors[name] = [fallback is null ? "required: an RFC 3339 instant with offset" : "an RFC 3339 instant with offset"];
            return Instant.FromUnixTimeMilliseconds(0);
        }
        return parsed.Value.ToInstant();
    }
}
