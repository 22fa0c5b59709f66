using GridMeter.Domain.Consumption;
using GridMeter.Domain.Readings;
using GridMeter.Server.Auth;
using GridMeter.Server.Meters;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridMeter.Server.Consumption;

public static class ConsumptionApi
{
    /// <summary>More buckets than this in one answer is refused; ask for a coarser interval.</summary>
    public const int MaxPoints = 50_000;

    public static IEndpointRouteBuilder MapConsumption(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/meters/{id}/consumption", GetAsync)
            .WithTags("Consumption")
            .RequireAccess(Access.MeterRead)
            .WithSummary("Consumption per 15m, hour, day, week or month in the meter's time zone, from register differences");
        return app;
    }

    private static async Task<Results<Ok<ConsumptionResponse>, NotFound, ValidationProblem>> GetAsync(
        string id, string? from, string? to, string? interval, string? obis,
        HttpContext http, MeterDirectory meters, ConsumptionQuery query, CancellationToken cancellationToken)
    {
        var meter = await meters.FindVisibleAsync(id, Caller.From(http.User)!, cancellationToken);
        if (meter is null)
        {
            return TypedResults.NotFound();
        }

        var errors = new Dictionary<string, string[]>();
        if (!TimeArgument.TryParse(from, meter.TimeZone, out var start))
        {
            errors["from"] = ["required: a local date (2026-11-01) or an RFC 3339 instant with offset"];
        }
        if (!TimeArgument.TryParse(to, meter.TimeZone, out var end))
        {
            errors["to"] = ["required: a local date (2026-11-02, exclusive) or an RFC 3339 instant with offset"];
        }
        var size = TimeArgument.ParseInterval(interval ?? "day");
        if (size is null)
        {
            errors["interval"] = ["one of 15m, hour, day, week, month"];
        }
        var register = ObisCode.ActiveImport;
        if (obis is not null && (!ObisCode.TryParse(obis, out register) || !register.IsRegister))
        {
            errors["obis"] = ["a register OBIS code such as 1-0:1.8.0"];
        }
        if (errors.Count == 0 && end <= start)
        {
            errors["to"] = ["must be after from"];
        }
        if (errors.Count == 0 && Buckets.CountUpperBound(start, end, size!.Value) > MaxPoints)
        {
            errors["interval"] = [$"more than {MaxPoints} points; ask for a shorter span or a coarser interval"];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var values = await query.BucketsAsync(meter, register, start, end, size!.Value, cancellationToken);
        var points = values.Select(v => new ConsumptionPoint(
            TimeArgument.Format(v.Bucket.Start),
            TimeArgument.Format(v.Bucket.End),
            v.Wh / 1000m,
            QualityName(v.Quality)));
        return TypedResults.Ok(new ConsumptionResponse(meter.Id, register.ToString(), register.Unit, meter.TimeZone.Id, interval ?? "day", [.. points]));
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
