namespace GridMeter.Domain.Analytics;

/// <summary>
/// The mean silhouette (Rousseeuw, 1987): for each point, how much nearer it is to its own cluster
/// than to the next one, from -1 to 1. Over a large portfolio it is taken on a fixed sample: it
/// costs the square of the points.
/// </summary>
public static class Silhouette
{
    public const int MaxSample = 1500;

    public static double Mean(IReadOnlyList<double[]> points, int[] assignments, int k, int seed)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(assignments);
        var sample = Enumerable.Range(0, points.Count).ToArray();
        if (sample.Length > MaxSample)
        {
            new Random(seed).Shuffle(sample);
            sample = sample[..MaxSample];
        }
        var total = 0.0;
        var sums = new double[k];
        var counts = new int[k];
        foreach (var i in sample)
        {
            Array.Clear(sums);
            Array.Clear(counts);
            foreach (var j in sample)
            {
                if (i != j)
                {
                    sums[assignments[j]] += Math.Sqrt(KMeans.SquaredDistance(points[i], points[j]));
                    counts[assignments[j]]++;
                }
            }
            var own = assignments[i];
            if (counts[own] == 0)
            {
                continue; // A point alone in its cluster scores 0.
            }
            var a = sums[own] / counts[own];
            var b = double.PositiveInfinity;
            for (var c = 0; c < k; c++)
            {
                if (c != own && counts[c] > 0)
                {
                    b = Math.Min(b, sums[c] / counts[c]);
                }
            }
            total += double.IsPositiveInfinity(b) ? 0 : (b - a) / Math.Max(a, b);
        }
        return total / sample.Length;
    }
}
