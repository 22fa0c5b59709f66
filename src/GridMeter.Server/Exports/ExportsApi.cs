using System.Globalization;
using System.Text;
using GridMeter.Domain.Meters;
using GridMeter.Server.Auth;
using GridMeter.Server.Consumption;
using GridMeter.Server.Events;
using GridMeter.Server.Hierarchy;
using GridMeter.Server.Meters;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace GridMeter.Server.Exports;

/// <summary>
/// CSV exports of whatever scope the caller may see: every visible meter, a node of the hierarchy
/// (its visible members) or one meter. Written meter by meter straight to the response, so a long
/// range or a big fleet streams instead of piling up in memory.
/// </summary>
public static class ExportsApi
{
    public const int MaxMeters = 10_000;

    public static IEndpointRouteBuilder MapExports(this IEndpointRouteBuilder app)
    {
        var exports = app.MapGroup("/api/v1/exports").WithTags("Exports");
        exports.MapGet("/consumption.csv", ConsumptionAsync).RequireAccess(Access.Scoped)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithSummary("CSV of consumption per interval (15m, hour, day, week, month) from–to: meterId,start,end,kWh,quality; " +
                "scope = all (every meter the caller may see, default), node:{id} or meter:{id}");
        exports.MapGet("/events.csv", EventsAsync).RequireAccess(Access.Scoped)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithSummary("CSV of meter events from–to (RFC 3339 instants or UTC dates): meterId,timestamp,type,details; scope as for consumption");
        return app;
    }

    private static async Task<Results<PushStreamHttpResult, NotFound, ValidationProblem>> ConsumptionAsync(
        string? scope, string? from, string? to, string? interval, HttpContext http, MeterDirectory meters, GridNodes nodes, NodeMembers members,
        ConsumptionQuery query, CancellationToken cancellationToken)
    {
        var (selected, found) = await ScopeAsync(scope, Caller.From(http.User)!, meters, nodes, members, cancellationToken);
        if (!found)
        {
            return TypedResults.NotFound();
        }
        var errors = new Dictionary<string, string[]>();
        // Checked once against UTC for the shape; each meter's own zone decides its local dates.
        if (ConsumptionArguments.Parse(from, to, interval, null, null, null, DateTimeZone.Utc, errors) is null)
        {
            return TypedResults.ValidationProblem(errors);
        }
        return TypedResults.Stream(async stream =>
        {
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false));
            await writer.WriteAsync(CsvLine.Of("meterId", "start", "end", "kWh", "quality"));
            foreach (var meter in selected)
            {
                var args = ConsumptionArguments.Parse(from, to, interval, null, null, null, meter.TimeZone, []);
                if (args is null)
                {
                    continue;
                }
                foreach (var v in await query.SummariesAsync(MeteredSeries.Of(meter), args.Register, args.From, args.To, args.Size, args.Version, cancellationToken))
                {
                    await writer.WriteAsync(CsvLine.Of(meter.Id, TimeArgument.Format(v.Bucket.Start), TimeArgument.Format(v.Bucket.End),
                        (v.Wh / 1000m)?.ToString(CultureInfo.InvariantCulture), ConsumptionApi.QualityName(v.Quality)));
                }
                await writer.FlushAsync(cancellationToken);
            }
        }, "text/csv; charset=utf-8", "consumption.csv");
    }

    private static async Task<Results<PushStreamHttpResult, NotFound, ValidationProblem>> EventsAsync(
        string? scope, string? from, string? to, HttpContext http, MeterDirectory meters, GridNodes nodes, NodeMembers members, MeterEventStore events,
        CancellationToken cancellationToken)
    {
        var (selected, found) = await ScopeAsync(scope, Caller.From(http.User)!, meters, nodes, members, cancellationToken);
        if (!found)
        {
            return TypedResults.NotFound();
        }
        var errors = new Dictionary<string, string[]>();
        if (!TimeArgument.TryParse(from, DateTimeZone.Utc, out var start))
        {
            errors["from"] = ["required: an RFC 3339 instant or a date (UTC)"];
        }
        if (!TimeArgument.TryParse(to, DateTimeZone.Utc, out var end) || end <= start)
        {
            errors["to"] = ["required: an RFC 3339 instant or a date (UTC), after from"];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        return TypedResults.Stream(async stream =>
        {
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false));
            await writer.WriteAsync(CsvLine.Of("meterId", "timestamp", "type", "details"));
            foreach (var meter in selected)
            {
                foreach (var e in (await events.ListAsync(meter.Key, start, end, null, 100_000, cancellationToken)).Reverse())
                {
                    await writer.WriteAsync(CsvLine.Of(meter.Id, e.Timestamp.ToDateTimeOffset().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture), e.Type, e.DetailsJson));
                }
                await writer.FlushAsync(cancellationToken);
            }
        }, "text/csv; charset=utf-8", "events.csv");
    }

    /// <summary>The visible meters of a scope; false when it names a node or meter the caller may not see (or none that exists).</summary>
    private static async Task<(IReadOnlyList<Meter> Meters, bool Found)> ScopeAsync(
        string? scope, Caller caller, MeterDirectory meters, GridNodes nodes, NodeMembers members, CancellationToken cancellationToken)
    {
        if (scope is null or "all")
        {
            return (await meters.ListVisibleAsync(caller, 0, MaxMeters, cancellationToken), true);
        }
        var (kind, id) = scope.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon ? (scope[..colon], scope[(colon + 1)..]) : ("", "");
        if (!MeterId.IsValid(id))
        {
            return ([], false);
        }
        if (kind == "meter")
        {
            return await meters.FindVisibleAsync(id, caller, cancellationToken) is { } meter ? ([meter], true) : ([], false);
        }
        if (kind == "node" && await nodes.FindAsync(id, cancellationToken) is { } node)
        {
            var visible = caller.IsAdmin || await members.IsVisibleAsync(node, caller, cancellationToken);
            return visible ? (await members.UnderAsync(node, caller, cancellationToken), true) : ([], false);
        }
        return ([], false);
    }
}
