using System.Text.Json;
using Dapper;
using GridMeter.Domain.Analytics;
using GridMeter.Server.Consumption;
using GridMeter.Server.Meters;
using GridMeter.Server.Storage;
using Microsoft.Extensions.Options;
using NodaTime;

namespace GridMeter.Server.Analytics;

/// <summary>
/// Clusters one supplier's customers: each meter's net quarter-hours of the last days, normalised
/// per day and averaged per season and day type, then k-means within each group; the result
/// replaces the group's previous one.
/// </summary>
public sealed class CustomerClustering(IDatabase database, MeterDirectory meters, AnalyticsData data, AnalyticsStore store, TimeProvider clock, IOptions<AnalyticsOptions> options)
{
    /// <summary>Returns how many groups were clustered.</summary>
    public async Task<int> RunAsync(string supplierId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var shapes = new Dictionary<ProfileGroup, List<(long Meter, double[] Features)>>();
        var days = new Dictionary<ProfileGroup, HashSet<LocalDate>>();
        foreach (var meter in await MetersAsync(supplierId, cancellationToken))
        {
            var today = now.InZone(meter.TimeZone).Date;
            var perGroup = new Dictionary<ProfileGroup, List<double[]>>();
            foreach (var (date, wh) in await data.DaysAsync(MeteredSeries.Of(meter), today.PlusDays(-settings.ClusterDays), settings.ClusterDays, net: true, cancellationToken))
            {
                if (DailyShape.Normalise(wh) is { } shape)
                {
                    var group = ProfileGroup.Of(date);
                    (perGroup.TryGetValue(group, out var list) ? list : perGroup[group] = []).Add(shape);
                    (days.TryGetValue(group, out var set) ? set : days[group] = []).Add(date);
                }
            }
            foreach (var (group, list) in perGroup)
            {
                (shapes.TryGetValue(group, out var members) ? members : shapes[group] = []).Add((meter.Key, DailyShape.Features(DailyShape.Mean(list)!)));
            }
        }
        var clustered = 0;
        foreach (var (group, members) in shapes)
        {
            // Fewer than three customers have no structure worth a cluster.
            if (members.Count < 3)
            {
                continue;
            }
            var points = members.Select(m => m.Features).ToList();
            var result = settings.Clusters > 0
                ? KMeans.Cluster(points, Math.Min(settings.Clusters, points.Count), settings.Seed)
                : KMeans.ChooseK(points, 2, Math.Min(settings.MaxClusters, points.Count - 1), settings.Seed);
            var sizes = result.Sizes();
            var computedAt = now.ToUnixTimeMilliseconds();
            var (season, dayType) = (AnalyticsStore.Name(group.Season), AnalyticsStore.Name(group.DayType));
            var clusters = Enumerable.Range(0, result.K).Select(c => new StoredCluster(
                supplierId, season, dayType, c, sizes[c], JsonSerializer.Serialize(DailyShape.FromFeatures(result.Centres[c]).Select(v => Math.Round(v, 6)).ToArray(), AnalyticsJson.Default.DoubleArray),
                result.Silhouette, days[group].Count, computedAt)).ToList();
            var stored = members.Select((m, i) => new StoredMember(
                supplierId, season, dayType, m.Meter, result.Assignments[i], Math.Sqrt(KMeans.SquaredDistance(m.Features, result.Centres[result.Assignments[i]])))).ToList();
            await store.ReplaceClustersAsync(supplierId, group, clusters, stored, cancellationToken);
            clustered++;
        }
        return clustered;
    }

    private async Task<List<Meter>> MetersAsync(string supplierId, CancellationToken cancellationToken)
    {
        List<long> keys;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            keys = [.. await connection.QueryAsync<long>(new CommandDefinition(
                "SELECT key FROM meters WHERE supplier_id = @supplierId ORDER BY key", new { supplierId }, cancellationToken: cancellationToken))];
        }
        var list = new List<Meter>();
        foreach (var key in keys)
        {
            if (await meters.FindByKeyAsync(key, cancellationToken) is { } meter)
            {
                list.Add(meter);
            }
        }
        return list;
    }
}
