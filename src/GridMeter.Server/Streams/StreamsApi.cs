using GridMeter.Domain.Consumption;
using GridMeter.Domain.Readings;
using GridMeter.Domain.Streams;
using GridMeter.Server.Auth;
using GridMeter.Server.Consumption;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace GridMeter.Server.Streams;

/// <summary>
/// Data streams: every channel of every meter and appliance the caller may see, addressed by a
/// path derived from the network hierarchy, with wildcards; values rolled up per 15m, hour, day
/// or month with sum, avg, min or max, from the same consumption code as the rest of the API.
/// </summary>
public static class StreamsApi
{
    /// <summary>Most streams one value query may match; list them with /api/v1/streams to narrow the path.</summary>
    public const int MaxStreams = 200;

    public static readonly string[] Methods = ["sum", "avg", "min", "max"];

    public static IEndpointRouteBuilder MapStreams(this IEndpointRouteBuilder app)
    {
        var streams = app.MapGroup("/api/v1/streams").WithTags("Data streams");
        streams.MapGet("/", ListAsync).RequireAccess(Access.Scoped)
            .WithSummary("The streams a path names (networks/{n}/feeders/{f}/buildings/{b}/premises/{p}/meters/{m}[/appliances/{a}]/{channel}, " +
                "levels optional, ids may be * or end in *), among the meters the caller may see; at most 1000");
        streams.MapGet("/points", PointsAsync).RequireAccess(Access.Scoped)
            .WithSummary("The values of the streams a path names, from (inclusive) to (exclusive), rolled up per rollup (15m, hour, day, week, month) " +
                "with method (sum, avg, min, max of the 15-minute values) in timeZone (default: the first stream's meter's); with their total when additive");
        return app;
    }

    private static async Task<Results<Ok<StreamList>, ValidationProblem>> ListAsync(
        string? path, HttpContext http, StreamCatalog catalog, CancellationToken cancellationToken)
    {
        var parsed = StreamPath.TryParse(path, out var error);
        if (parsed is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["path"] = [error!] });
        }
        var found = await catalog.MatchAsync(parsed, Caller.From(http.User)!, Hosting.Paging.MaxLimit, cancellationToken);
        return TypedResults.Ok(new StreamList([.. found.Take(Hosting.Paging.MaxLimit).Select(s => new StreamInfo(s.Path, Unit(parsed)))]));
    }

    private static async Task<Results<Ok<StreamsResponse>, ValidationProblem>> PointsAsync(
        string? path, string? from, string? to, string? rollup, string? method, string? timeZone,
        HttpContext http, StreamCatalog catalog, ConsumptionQuery query, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var parsed = StreamPath.TryParse(path, out var pathError);
        if (parsed is null)
        {
            errors["path"] = [pathError!];
        }
        method ??= "sum";
        if (!Methods.Contains(method))
        {
            errors["method"] = ["sum, avg, min or max"];
        }
        else if (method == "sum" && parsed?.Channel == "power")
        {
            errors["method"] = ["power is not summed over time: use avg, min or max, or the energy channel with sum"];
        }
        var zone = timeZone is null ? null : timeZone.Length <= 64 ? DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZone) : null;
        if (timeZone is not null && zone is null)
        {
            errors["timeZone"] = ["an IANA time zone such as Europe/Rome"];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var found = await catalog.MatchAsync(parsed!, Caller.From(http.User)!, MaxStreams, cancellationToken);
        if (found.Count > MaxStreams)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["path"] = [$"matches more than {MaxStreams} streams; narrow it"] });
        }
        zone ??= found.Count > 0 ? found[0].Meter.TimeZone : DateTimeZone.Utc;
        var obis = parsed!.Channel is "energy" or "power" ? ObisCode.ActiveImport.ToString() : parsed.Channel;
        var args = ConsumptionArguments.Parse(from, to, rollup ?? "hour", null, obis, null, zone, errors);
        if (args is null)
        {
            if (errors.Remove("interval", out var interval))
            {
                errors["rollup"] = interval;
            }
            return TypedResults.ValidationProblem(errors);
        }

        var buckets = Buckets.Between(args.From, args.To, zone, args.Size).ToList();
        var streams = new List<StreamValues>();
        var summaries = new List<IReadOnlyList<BucketSummary>>();
        foreach (var stream in found)
        {
            var series = stream.Appliance is null
                ? MeteredSeries.Of(stream.Meter).InZone(zone)
                : new MeteredSeries(MeteredSeries.ApplianceKey(stream.Appliance.Key), stream.Meter.TimeZone, stream.Meter.ReadingPeriod).InZone(zone);
            var values = await query.SummariesAsync(series, args.Register, args.From, args.To, args.Size, SeriesVersion.Latest, cancellationToken);
            summaries.Add(values);
            streams.Add(new StreamValues(stream.Path, Unit(parsed), [.. values.Select(v => Point(v, v.Wh is null ? null : Value(v, method, parsed.Channel)))]));
        }
        var additive = method == "sum" || (method == "avg" && parsed.Channel == "power");
        var total = additive ? Total(buckets, streams, summaries) : null;
        return TypedResults.Ok(new StreamsResponse(path!, rollup ?? "hour", method, zone.Id, streams, total));
    }

    private static decimal? Value(BucketSummary v, string method, string channel)
    {
        var power = channel == "power";
        return method switch
        {
            "sum" => v.Wh / 1000m,
            "avg" when power => decimal.Round(v.Wh!.Value / 1000m / (decimal)(v.Bucket.End.ToInstant() - v.Bucket.Start.ToInstant()).TotalHours, 6),
            "avg" => v.Count > 0 ? decimal.Round(v.Wh!.Value / 1000m / v.Count, 6) : null,
            "min" => v.MinWh * (power ? 4 : 1) / 1000m,
            _ => v.MaxWh * (power ? 4 : 1) / 1000m,
        };
    }

    private static List<StreamPoint> Total(List<Bucket> buckets, List<StreamValues> streams, List<IReadOnlyList<BucketSummary>> summaries)
    {
        var total = new List<StreamPoint>(buckets.Count);
        for (var b = 0; b < buckets.Count; b++)
        {
            decimal? sum = null;
            var quality = streams.Count == 0 ? Quality.Missing : Quality.Actual;
            for (var s = 0; s < streams.Count; s++)
            {
                quality = summaries[s][b].Quality > quality ? summaries[s][b].Quality : quality;
                if (streams[s].Points[b].Value is { } value)
                {
                    sum = (sum ?? 0) + value;
                }
            }
            total.Add(new StreamPoint(TimeArgument.Format(buckets[b].Start), TimeArgument.Format(buckets[b].End), sum, ConsumptionApi.QualityName(quality)));
        }
        return total;
    }

    private static StreamPoint Point(BucketSummary v, decimal? value) =>
        new(TimeArgument.Format(v.Bucket.Start), TimeArgument.Format(v.Bucket.End), value, ConsumptionApi.QualityName(v.Quality));

    private static string Unit(StreamPath path) => path.Channel switch
    {
        "power" => "kW",
        "energy" => "kWh",
        _ => ObisCode.Parse(path.Channel).Unit,
    };
}
