using System.Globalization;
using System.Text.Json;
using GridMeter.Domain.Analytics;
using GridMeter.Server.Accounts;
using GridMeter.Server.Auth;
using GridMeter.Server.Consumption;
using GridMeter.Server.Hierarchy;
using GridMeter.Server.Meters;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace GridMeter.Server.Analytics;

public static class AnalyticsApi
{
    private const string Tag = "Analytics";

    public static IEndpointRouteBuilder MapAnalytics(this IEndpointRouteBuilder app)
    {
        var organisations = app.MapGroup("/api/v1/organisations/{id}").WithTags(Tag);
        organisations.MapGet("/clusters", ClustersAsync).RequireAccess(Access.Read(Resources.Organisation, Roles.Supplier, Roles.Admin))
            .WithSummary("(the supplier's staff, admin) Customer clusters of a season and day type (?season=winter&dayType=workday, default today's): centres as daily shapes, members");
        organisations.MapGet("/faults", OrganisationFaultsAsync).RequireAccess(Access.Read(Resources.Organisation, Roles.Supplier, Roles.Operator, Roles.Admin))
            .WithSummary("(the organisation's staff, admin) Faults detected on its meters and their appliances (?from=&to=&limit=), newest first");
        organisations.MapGet("/load-forecast", LoadForecastAsync).RequireAccess(Access.Read(Resources.Organisation, Roles.Supplier, Roles.Operator, Roles.Admin))
            .WithSummary("(the organisation's staff, admin) Next-day load of the portfolio per quarter-hour, with the same-day-last-week baseline and both back-tested (MAPE)");
        app.MapGet("/api/v1/grid/nodes/{id}/load-forecast", NodeLoadForecastAsync).WithTags(Tag).RequireAccess(Access.Read(Resources.GridNode))
            .WithSummary("Next-day load of an aggregation group (a node's main meter, or the meters under it) per quarter-hour, with the baseline and both back-tested (MAPE)");
        var meters = app.MapGroup("/api/v1/meters/{id}").WithTags(Tag);
        meters.MapGet("/cluster", MeterClusterAsync).RequireAccess(Access.Read(Resources.Meter, Roles.Supplier, Roles.Admin))
            .WithSummary("(the meter's supplier, admin) The customer cluster the meter falls in for a season and day type; cluster null until clustered");
        meters.MapGet("/faults", MeterFaultsAsync).RequireAccess(Access.MeterRead)
            .WithSummary("Faults detected on the meter and its appliances (?from=&to=&limit=), newest first");
        meters.MapGet("/forecast", ForecastAsync).RequireAccess(Access.MeterRead)
            .WithSummary("The meter's consumption projected to the end of today and of the billing period (?periodStart=&periodEnd=, default this month; ?pricePerKwh= for the cost)");
        meters.MapGet("/imbalance-advice", AdviceAsync).RequireAccess(Access.MeterRead)
            .WithSummary("For a notified hourly schedule (?scheduleKwh=), the average power to hold for the rest of the hour, from the readings and live values so far");
        return app;
    }

    private static async Task<Results<Ok<ClustersResponse>, NotFound, ValidationProblem>> ClustersAsync(
        string id, string? season, string? dayType, HttpContext http, Organisations organisations, AnalyticsStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await VisibleAsync(id, http, organisations, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        if (!TryGroup(season, dayType, clock, out var group))
        {
            return TypedResults.ValidationProblem(GroupErrors);
        }
        var clusters = await store.ClustersAsync(id, group, cancellationToken);
        var members = (await store.MembersAsync(id, group, cancellationToken)).ToLookup(m => m.Cluster, m => m.MeterId);
        var first = clusters.FirstOrDefault();
        return TypedResults.Ok(new ClustersResponse(id, AnalyticsStore.Name(group.Season), AnalyticsStore.Name(group.DayType), (int)(first?.Days ?? 0), first?.Silhouette,
            first is null ? null : DateTimeOffset.FromUnixTimeMilliseconds(first.ComputedAt),
            [.. clusters.Select(c => new ClusterResponse((int)c.Cluster, (int)c.Members, Centre(c), [.. members[c.Cluster]]))]));
    }

    private static async Task<Results<Ok<MeterClusterResponse>, NotFound, ValidationProblem>> MeterClusterAsync(
        string id, string? season, string? dayType, HttpContext http, MeterDirectory meters, AnalyticsStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var meter = await meters.FindVisibleAsync(id, Caller.From(http.User)!, cancellationToken);
        if (meter is null)
        {
            return TypedResults.NotFound();
        }
        if (!TryGroup(season, dayType, clock, out var group))
        {
            return TypedResults.ValidationProblem(GroupErrors);
        }
        var (seasonName, dayTypeName) = (AnalyticsStore.Name(group.Season), AnalyticsStore.Name(group.DayType));
        var member = meter.SupplierId is null ? null : await store.MemberAsync(meter.Key, meter.SupplierId, group, cancellationToken);
        var cluster = member is null ? null : (await store.ClustersAsync(meter.SupplierId!, group, cancellationToken)).FirstOrDefault(c => c.Cluster == member.Cluster);
        return TypedResults.Ok(new MeterClusterResponse(meter.Id, meter.SupplierId, seasonName, dayTypeName, (int?)member?.Cluster, member?.Distance,
            cluster is null ? null : Centre(cluster), cluster is null ? null : DateTimeOffset.FromUnixTimeMilliseconds(cluster.ComputedAt)));
    }

    private static async Task<Results<Ok<IReadOnlyList<FaultResponse>>, NotFound, ValidationProblem>> MeterFaultsAsync(
        string id, string? from, string? to, string? limit, HttpContext http, MeterDirectory meters, AnalyticsStore store, FaultNames names, CancellationToken cancellationToken)
    {
        var meter = await meters.FindVisibleAsync(id, Caller.From(http.User)!, cancellationToken);
        if (meter is null)
        {
            return TypedResults.NotFound();
        }
        var errors = new Dictionary<string, string[]>();
        var range = FaultRange.Parse(from, to, limit, meter.TimeZone, errors);
        if (range is null)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var faults = await store.FaultsOfMeterAsync(meter.Key, range.From, range.To, range.Limit, cancellationToken);
        return TypedResults.Ok(await names.DescribeAsync([.. faults.Select(f => (f, meter.Id))], cancellationToken));
    }

    private static async Task<Results<Ok<IReadOnlyList<FaultResponse>>, NotFound, ValidationProblem>> OrganisationFaultsAsync(
        string id, string? from, string? to, string? limit, HttpContext http, Organisations organisations, AnalyticsStore store, FaultNames names,
        CancellationToken cancellationToken)
    {
        if (!await VisibleAsync(id, http, organisations, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        var errors = new Dictionary<string, string[]>();
        var range = FaultRange.Parse(from, to, limit, DateTimeZone.Utc, errors);
        if (range is null)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var faults = await store.FaultsOfOrganisationAsync(id, Caller.From(http.User)!, range.From, range.To, range.Limit, cancellationToken);
        return TypedResults.Ok(await names.DescribeAsync(faults, cancellationToken));
    }

    private static async Task<Results<Ok<ForecastResponse>, NotFound, ValidationProblem>> ForecastAsync(
        string id, string? periodStart, string? periodEnd, string? pricePerKwh, HttpContext http, MeterDirectory meters, MeterForecast forecasts, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var meter = await meters.FindVisibleAsync(id, Caller.From(http.User)!, cancellationToken);
        if (meter is null)
        {
            return TypedResults.NotFound();
        }
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var today = now.InZone(meter.TimeZone).Date;
        var errors = new Dictionary<string, string[]>();
        var start = Date(periodStart, today.With(DateAdjusters.StartOfMonth), "periodStart", errors);
        var end = Date(periodEnd, today.With(DateAdjusters.StartOfMonth).PlusMonths(1), "periodEnd", errors);
        decimal? price = null;
        if (pricePerKwh is not null)
        {
            price = decimal.TryParse(pricePerKwh, NumberStyles.Number, CultureInfo.InvariantCulture, out var p) && p is >= 0 and <= 1000 ? p : null;
            if (price is null)
            {
                errors["pricePerKwh"] = ["a price per kWh between 0 and 1000, such as 0.25"];
            }
        }
        if (errors.Count == 0 && (end <= start || start > today || end <= today || Period.Between(start, end, PeriodUnits.Days).Days > 366))
        {
            errors["periodEnd"] = ["the billing period must contain today and last at most 366 days: periodStart <= today < periodEnd (exclusive)"];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        return TypedResults.Ok(await forecasts.ForecastAsync(meter, start, end, price, now, cancellationToken));
    }

    private static async Task<Results<Ok<LoadForecastResponse>, NotFound, ValidationProblem>> LoadForecastAsync(
        string id, string? timeZone, HttpContext http, Organisations organisations, MeterDirectory meters, PortfolioForecast forecast, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!await VisibleAsync(id, http, organisations, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        var members = await meters.ListOfOrganisationAsync(id, Caller.From(http.User)!, cancellationToken);
        var zone = timeZone is null || timeZone.Length > 64 ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZone);
        if (timeZone is not null && zone is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["timeZone"] = ["an IANA time zone such as Europe/Rome"] });
        }
        zone ??= members.FirstOrDefault()?.TimeZone ?? DateTimeZone.Utc;
        return TypedResults.Ok(await forecast.ForecastAsync("organisation", id, members, zone, Instant.FromDateTimeOffset(clock.GetUtcNow()), cancellationToken));
    }

    private static async Task<Results<Ok<LoadForecastResponse>, NotFound>> NodeLoadForecastAsync(
        string id, HttpContext http, GridNodes nodes, NodeMembers members, Aggregates aggregates, PortfolioForecast forecast, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        var node = await nodes.FindAsync(id, cancellationToken);
        if (node is null || !await members.IsVisibleAsync(node, caller, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        // A building's main meter already measures its members: summing both would count them twice.
        IReadOnlyList<Meter> group = await aggregates.MainMeterAsync(node, caller, cancellationToken) is { } main
            ? [main]
            : [.. (await members.UnderAsync(node, caller, cancellationToken)).Where(m => m.Key != node.MainMeterKey)];
        var zone = group.FirstOrDefault()?.TimeZone ?? DateTimeZone.Utc;
        return TypedResults.Ok(await forecast.ForecastAsync(node.Kind, node.Id, group, zone, Instant.FromDateTimeOffset(clock.GetUtcNow()), cancellationToken));
    }

    private static async Task<Results<Ok<AdviceResponse>, NotFound, ValidationProblem>> AdviceAsync(
        string id, string? scheduleKwh, HttpContext http, MeterDirectory meters, EnergyThisHour energy, TimeProvider clock, CancellationToken cancellationToken)
    {
        var meter = await meters.FindVisibleAsync(id, Caller.From(http.User)!, cancellationToken);
        if (meter is null)
        {
            return TypedResults.NotFound();
        }
        if (scheduleKwh is null || scheduleKwh.Length > 20
            || !decimal.TryParse(scheduleKwh, NumberStyles.Number, CultureInfo.InvariantCulture, out var scheduled) || scheduled is < -1_000_000 or > 1_000_000)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["scheduleKwh"] = ["required: the kWh notified for the current hour, such as 1.5"] });
        }
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var (soFar, liveAt) = await energy.SoFarAsync(meter, now, cancellationToken);
        return TypedResults.Ok(AdviceResponse.From(meter.Id, ImbalanceAdvice.For(scheduled, soFar, now), liveAt?.ToDateTimeOffset()));
    }

    private static readonly Dictionary<string, string[]> GroupErrors = new()
    {
        ["season"] = ["winter, spring, summer or autumn (default: today's)"],
        ["dayType"] = ["workday or weekend (default: today's)"],
    };

    private static bool TryGroup(string? season, string? dayType, TimeProvider clock, out ProfileGroup group)
    {
        var today = ProfileGroup.Of(Instant.FromDateTimeOffset(clock.GetUtcNow()).InUtc().Date);
        return ProfileGroup.TryParse(season ?? today.Season.ToString(), dayType ?? today.DayType.ToString(), out group);
    }

    private static LocalDate Date(string? text, LocalDate fallback, string name, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return fallback;
        }
        var parsed = text.Length <= 20 ? NodaTime.Text.LocalDatePattern.Iso.Parse(text) : null;
        if (parsed is { Success: true })
        {
            return parsed.Value;
        }
        errors[name] = ["a local date such as 2026-12-01"];
        return fallback;
    }

    private static double[] Centre(StoredCluster cluster) => JsonSerializer.Deserialize(cluster.Centre, AnalyticsJson.Default.DoubleArray) ?? [];

    private static async Task<bool> VisibleAsync(string id, HttpContext http, Organisations organisations, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        return await organisations.FindAsync(id, cancellationToken) is not null && (caller.IsAdmin || caller.OrganisationId == id);
    }
}
