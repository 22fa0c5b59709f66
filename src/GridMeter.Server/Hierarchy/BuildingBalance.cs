using GridMeter.Domain.Consumption;
using GridMeter.Server.Auth;
using GridMeter.Server.Consumption;
using GridMeter.Server.Meters;

namespace GridMeter.Server.Hierarchy;

/// <summary>A building's main meter minus the sum of its sub-meters, bucket by bucket: its losses and untracked use.</summary>
public sealed class BuildingBalance(Aggregates aggregates, NodeMembers members)
{
    public async Task<BalanceResponse> ForAsync(GridNode building, Meter main, Caller caller, ConsumptionArguments args, CancellationToken cancellationToken)
    {
        var zone = main.TimeZone;
        var subMeters = (await members.UnderAsync(building, caller, cancellationToken)).Where(m => m.Key != main.Key).ToList();
        var mainValues = await aggregates.SeriesAsync(MeteredSeries.Of(main), args, cancellationToken);
        var parts = new List<IReadOnlyList<BucketSummary>>();
        foreach (var meter in subMeters)
        {
            parts.Add(await aggregates.SeriesAsync(MeteredSeries.Of(meter).InZone(zone), args, cancellationToken));
        }
        var subs = Aggregates.Sum([.. mainValues.Select(v => v.Bucket)], parts);
        var points = mainValues.Zip(subs, (m, s) => new BalancePoint(
            TimeArgument.Format(m.Bucket.Start),
            TimeArgument.Format(m.Bucket.End),
            m.Wh / 1000m,
            s.Wh / 1000m,
            m.Wh is { } total ? (total - (s.Wh ?? 0)) / 1000m : null,
            s.Count,
            ConsumptionApi.QualityName(m.Quality > s.Quality ? m.Quality : s.Quality)));
        return new BalanceResponse(building.Id, main.Id, [.. subMeters.Select(m => m.Id)], zone.Id, args.Interval, [.. points]);
    }
}
