using GridMeter.Domain.Consumption;
using GridMeter.Domain.Readings;
using GridMeter.Server.Appliances;
using GridMeter.Server.Auth;
using GridMeter.Server.Hierarchy;
using GridMeter.Server.Meters;
using NodaTime;

namespace GridMeter.Server.Consumption;

/// <summary>
/// Sums up the tree: a meter or appliance from its own series, a building from its main meter (or
/// its members when it has none visible), any other node and a portfolio from their members —
/// always only what the caller may see.
/// </summary>
public sealed class Aggregates(ConsumptionQuery query, GridNodes nodes, MeterDirectory meters)
{
    public async Task<AggregateResponse> ForMeterAsync(Meter meter, Caller caller, ConsumptionArguments args, CancellationToken cancellationToken)
    {
        var own = await SeriesAsync(MeteredSeries.Of(meter), args, cancellationToken);
        var building = await nodes.BuildingOfAsync(meter.Key, cancellationToken);
        var parent = building is null ? null : await NodeTotalAsync(building, caller, meter.TimeZone, args, cancellationToken);
        return Response("meter", meter.Id, meter.TimeZone, args, own, parent, perInterval: true);
    }

    public async Task<AggregateResponse> ForApplianceAsync(Meter meter, Appliance appliance, ConsumptionArguments args, CancellationToken cancellationToken)
    {
        var series = new MeteredSeries(MeteredSeries.ApplianceKey(appliance.Key), meter.TimeZone, meter.ReadingPeriod);
        var own = await SeriesAsync(series, args, cancellationToken);
        var premises = await SeriesAsync(MeteredSeries.Of(meter), args, cancellationToken);
        return Response("appliance", $"{meter.Id}/{appliance.Id}", meter.TimeZone, args, own, premises, perInterval: true);
    }

    public async Task<AggregateResponse> ForNodeAsync(GridNode node, Caller caller, DateTimeZone zone, ConsumptionArguments args, CancellationToken cancellationToken)
    {
        var own = await NodeTotalAsync(node, caller, zone, args, cancellationToken);
        var parentNode = node.ParentId is null ? null : await nodes.FindAsync(node.ParentId, cancellationToken);
        var parent = parentNode is null ? null : await NodeTotalAsync(parentNode, caller, zone, args, cancellationToken);
        return Response(node.Kind, node.Id, zone, args, own, parent, perInterval: false);
    }

    public async Task<AggregateResponse> ForPortfolioAsync(
        string organisationId, IReadOnlyList<Meter> members, DateTimeZone zone, ConsumptionArguments args, CancellationToken cancellationToken)
    {
        var parts = new List<IReadOnlyList<BucketSummary>>();
        foreach (var meter in members)
        {
            parts.Add(await SeriesAsync(MeteredSeries.Of(meter).InZone(zone), args, cancellationToken));
        }
        return Response("organisation", organisationId, zone, args, Sum(Buckets.Between(args.From, args.To, zone, args.Size).ToList(), parts), null, perInterval: false);
    }

    /// <summary>A node's total per bucket: a building's main meter when the caller may see it, otherwise the sum of its members.</summary>
    public async Task<IReadOnlyList<BucketSummary>> NodeTotalAsync(GridNode node, Caller caller, DateTimeZone zone, ConsumptionArguments args, CancellationToken cancellationToken)
    {
        if (await MainMeterAsync(node, caller, cancellationToken) is { } main)
        {
            return await SeriesAsync(MeteredSeries.Of(main).InZone(zone), args, cancellationToken);
        }
        var parts = new List<IReadOnlyList<BucketSummary>>();
        foreach (var child in await nodes.ChildrenAsync(node.Id, cancellationToken))
        {
            parts.Add(await NodeTotalAsync(child, caller, zone, args, cancellationToken));
        }
        foreach (var meter in await nodes.MetersAtAsync(node.Id, caller, cancellationToken))
        {
            parts.Add(await SeriesAsync(MeteredSeries.Of(meter).InZone(zone), args, cancellationToken));
        }
        return Sum(Buckets.Between(args.From, args.To, zone, args.Size).ToList(), parts);
    }

    public async Task<Meter?> MainMeterAsync(GridNode node, Caller caller, CancellationToken cancellationToken)
    {
        var main = node.MainMeterKey is { } key ? await meters.FindByKeyAsync(key, cancellationToken) : null;
        return main is null ? null : await meters.FindVisibleAsync(main.Id, caller, cancellationToken);
    }

    /// <summary>One register's summaries, or import minus export for the net flow.</summary>
    public async Task<IReadOnlyList<BucketSummary>> SeriesAsync(MeteredSeries series, ConsumptionArguments args, CancellationToken cancellationToken)
    {
        if (args.Flow != "net")
        {
            return await query.SummariesAsync(series, args.Register, args.From, args.To, args.Size, args.Version, cancellationToken);
        }
        var import = await query.SummariesAsync(series, ObisCode.ActiveImport, args.From, args.To, args.Size, args.Version, cancellationToken);
        var export = await query.SummariesAsync(series, ObisCode.ActiveExport, args.From, args.To, args.Size, args.Version, cancellationToken);
        return [.. import.Zip(export, (i, e) => new BucketSummary(
            i.Bucket, i.Wh is null && e.Wh is null ? null : (i.Wh ?? 0) - (e.Wh ?? 0), Math.Max(i.Count, e.Count), null, null, Worst(i.Quality, e.Quality)))];
    }

    /// <summary>Adds parts bucket by bucket; Count, MinWh and MaxWh then describe the parts with a value.</summary>
    public static List<BucketSummary> Sum(IReadOnlyList<Bucket> buckets, IReadOnlyList<IReadOnlyList<BucketSummary>> parts)
    {
        var result = new List<BucketSummary>(buckets.Count);
        for (var b = 0; b < buckets.Count; b++)
        {
            long? sum = null, min = null, max = null;
            var (count, quality) = (0, parts.Count == 0 ? Quality.Missing : Quality.Actual);
            foreach (var part in parts)
            {
                var value = part[b];
                quality = Worst(quality, value.Quality);
                if (value.Wh is { } wh)
                {
                    (sum, count) = ((sum ?? 0) + wh, count + 1);
                    (min, max) = (min is null || wh < min ? wh : min, max is null || wh > max ? wh : max);
                }
            }
            result.Add(new BucketSummary(buckets[b], sum, count, min, max, quality));
        }
        return result;
    }

    private static AggregateResponse Response(
        string kind, string id, DateTimeZone zone, ConsumptionArguments args, IReadOnlyList<BucketSummary> own, IReadOnlyList<BucketSummary>? parent, bool perInterval)
    {
        var points = own.Select((v, i) => new AggregatePoint(
            TimeArgument.Format(v.Bucket.Start),
            TimeArgument.Format(v.Bucket.End),
            Kwh(v.Wh),
            v.Count,
            Kwh(v.MinWh),
            Kwh(v.MaxWh),
            v.Wh is { } wh && v.Count > 0 ? decimal.Round(wh / 1000m / v.Count, 6) : null,
            perInterval && v.MaxWh is { } max ? max * 4 / 1000m : null,
            parent?[i].Wh is { } total && total != 0 && v.Wh is { } value ? decimal.Round((decimal)value / total, 4) : null,
            ConsumptionApi.QualityName(v.Quality)));
        var obis = args.Flow == "net" ? null : args.Register.ToString();
        var unit = args.Flow == "net" ? "kWh" : args.Register.Unit;
        return new AggregateResponse(kind, id, args.Flow, obis, unit, zone.Id, args.Interval, args.Version.ToString(), [.. points]);
    }

    private static decimal? Kwh(long? wh) => wh / 1000m;

    private static Quality Worst(Quality a, Quality b) => a > b ? a : b;
}
