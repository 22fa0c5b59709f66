using GridMeter.Domain.Consumption;
using GridMeter.Server.Auth;
using GridMeter.Server.Meters;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridMeter.Server.Consumption;

public static class ConsumptionApi
{
    public static IEndpointRouteBuilder MapConsumption(this IEndpointRouteBuilder app)
    {
        var meters = app.MapGroup("/api/v1/meters/{id}").WithTags("Consumption");
        meters.MapGet("/consumption", GetAsync)
            .RequireAccess(Access.MeterRead)
            .WithSummary("Consumption per 15m, hour, day, week or month in the meter's time zone, from register differences; " +
                "optional version = read | validated | edited (default) | an edit version number");
        meters.MapGet("/consumption/summary", SummaryAsync)
            .RequireAccess(Access.MeterRead)
            .WithSummary("Per bucket: sum, count, min, max and average of the 15-minute intervals, maximum 15-minute demand (kW) and share " +
                "of the building's total; flow = import (default) | export | net, or obis; version as for /consumption");
        return app;
    }

    private static async Task<Results<Ok<ConsumptionResponse>, NotFound, ValidationProblem>> GetAsync(
        string id, string? from, string? to, string? interval, string? obis, string? version,
        HttpContext http, MeterDirectory meters, ConsumptionQuery query, CancellationToken cancellationToken)
    {
        var meter = await meters.FindVisibleAsync(id, Caller.From(http.User)!, cancellationToken);
        if (meter is null)
        {
            return TypedResults.NotFound();
        }
        var errors = new Dictionary<string, string[]>();
        var args = ConsumptionArguments.Parse(from, to, interval, version, obis, null, meter.TimeZone, errors);
        if (args is null)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var values = await query.SummariesAsync(MeteredSeries.Of(meter), args.Register, args.From, args.To, args.Size, args.Version, cancellationToken);
        var points = values.Select(v => new ConsumptionPoint(
            TimeArgument.Format(v.Bucket.Start), TimeArgument.Format(v.Bucket.End), v.Wh / 1000m, QualityName(v.Quality)));
        return TypedResults.Ok(new ConsumptionResponse(meter.Id, args.Register.ToString(), args.Register.Unit, meter.TimeZone.Id, args.Interval, [.. points]));
    }

    private static async Task<Results<Ok<AggregateResponse>, NotFound, ValidationProblem>> SummaryAsync(
        string id, string? from, string? to, string? interval, string? obis, string? flow, string? version,
        HttpContext http, MeterDirectory meters, Aggregates aggregates, CancellationToken cancellationToken)
    {
        var meter = await meters.FindVisibleAsync(id, Caller.From(http.User)!, cancellationToken);
        if (meter is null)
        {
            return TypedResults.NotFound();
        }
        var errors = new Dictionary<string, string[]>();
        var args = ConsumptionArguments.Parse(from, to, interval, version, obis, flow, meter.TimeZone, errors);
        if (args is null)
        {
            return TypedResults.ValidationProblem(errors);
        }
        return TypedResults.Ok(await aggregates.ForMeterAsync(meter, Caller.From(http.User)!, args, cancellationToken));
    }

    public static string QualityName(Quality quality) => quality switch
    {
        Quality.Actual => "actual",
        Quality.Edited => "edited",
        Quality.Estimated => "estimated",
        Quality.Suspect => "suspect",
        _ => "missing",
    };
}
