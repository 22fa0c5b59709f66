namespace GridMeter.Domain.Analytics;

/// <summary>
/// How well two partitions of the same items agree, corrected for chance (Hubert and Arabie, 1985):
/// 1 when identical up to the labels' names, about 0 for a random assignment.
/// </summary>
public static class AdjustedRandIndex
{
    public static double Of(IReadOnlyList<int> truth, IReadOnlyList<int> found)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(found);
        if (truth.Count != found.Count)
        {
            throw new ArgumentException("Both partitions must label the same items.", nameof(found));
        }
        var table = new Dictionary<(int, int), long>();
        var rows = new Dictionary<int, long>();
        var columns = new Dictionary<int, long>();
        for (var i = 0; i < truth.Count; i++)
        {
            table[(truth[i], found[i])] = table.GetValueOrDefault((truth[i], found[i])) + 1;
            rows[truth[i]] = rows.GetValueOrDefault(truth[i]) + 1;
            columns[found[i]] = columns.GetValueOrDefault(found[i]) + 1;
        }
        var index = table.Values.Sum(Pairs);
        var (rowPairs, columnPairs) = (rows.Values.Sum(Pairs), columns.Values.Sum(Pairs));
        var expected = rowPairs * columnPairs / Pairs(truth.Count);
        var maximum = (rowPairs + columnPairs) / 2;
        // Both partitions a single cluster (or all singletons): they agree perfectly.
        return maximum == expected ? 1.0 : (index - expected) / (maximum - expected);
    }

    private static double Pairs(long n) => n * (n - 1) / 2.0;
}
