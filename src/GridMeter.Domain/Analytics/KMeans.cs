namespace GridMeter.Domain.Analytics;

/// <summary>
/// Lloyd's k-means with k-means++ seeding (Arthur and Vassilvitskii, 2007) and a fixed seed, so the
/// same profiles always give the same clusters. Several seedings are tried and the tightest kept,
/// since one unlucky start can merge two true groups.
/// </summary>
public static class KMeans
{
    public const int DefaultRestarts = 8;

    private const int MaxIterations = 100;

    public static Clustering Cluster(IReadOnlyList<double[]> points, int k, int seed, int restarts = DefaultRestarts)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, points.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(restarts, 1);
        var random = new Random(seed);
        Clustering? best = null;
        for (var r = 0; r < restarts; r++)
        {
            var run = Lloyd(points, SeedCentres(points, k, random));
            if (best is null || run.Inertia < best.Inertia)
            {
                best = run;
            }
        }
        return best!;
    }

    /// <summary>
    /// Clusters for every k in [<paramref name="minK"/>, <paramref name="maxK"/>] and keeps the one with
    /// the highest mean silhouette: the k whose clusters are both tight and well apart.
    /// </summary>
    public static Clustering ChooseK(IReadOnlyList<double[]> points, int minK, int maxK, int seed, int restarts = DefaultRestarts)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfLessThan(minK, 2);
        maxK = Math.Min(maxK, points.Count - 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxK, minK);
        Clustering? best = null;
        for (var k = minK; k <= maxK; k++)
        {
            var run = Cluster(points, k, seed, restarts);
            var score = Silhouette.Mean(points, run.Assignments, k, seed);
            if (best is null || score > best.Silhouette)
            {
                best = run with { Silhouette = score };
            }
        }
        return best!;
    }

    /// <summary>The index of the centre nearest to <paramref name="point"/>, and its squared distance.</summary>
    public static (int Index, double Distance) Nearest(double[] point, IReadOnlyList<double[]> centres)
    {
        ArgumentNullException.ThrowIfNull(point);
        ArgumentNullException.ThrowIfNull(centres);
        var (index, distance) = (-1, double.PositiveInfinity);
        for (var c = 0; c < centres.Count; c++)
        {
            var d = SquaredDistance(point, centres[c]);
            if (d < distance)
            {
                (index, distance) = (c, d);
            }
        }
        return (index, distance);
    }

    public static double SquaredDistance(double[] a, double[] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = a[i] - b[i];
            sum += d * d;
        }
        return sum;
    }

    /// <summary>k-means++: the first centre at random, each next one with probability proportional to its squared distance from the nearest chosen.</summary>
    private static double[][] SeedCentres(IReadOnlyList<double[]> points, int k, Random random)
    {
        var centres = new double[k][];
        centres[0] = (double[])points[random.Next(points.Count)].Clone();
        var nearest = new double[points.Count];
        for (var i = 0; i < points.Count; i++)
        {
            nearest[i] = SquaredDistance(points[i], centres[0]);
        }
        for (var c = 1; c < k; c++)
        {
            var total = nearest.Sum();
            var pick = 0;
            if (total > 0)
            {
                var target = random.NextDouble() * total;
                for (var acc = nearest[0]; acc < target && pick < points.Count - 1; acc += nearest[++pick])
                {
                }
            }
            else
            {
                pick = random.Next(points.Count);
            }
            centres[c] = (double[])points[pick].Clone();
            for (var i = 0; i < points.Count; i++)
            {
                nearest[i] = Math.Min(nearest[i], SquaredDistance(points[i], centres[c]));
            }
        }
        return centres;
    }

    private static Clustering Lloyd(IReadOnlyList<double[]> points, double[][] centres)
    {
        var k = centres.Length;
        var dimensions = points[0].Length;
        var assignments = new int[points.Count];
        Array.Fill(assignments, -1);
        var inertia = 0.0;
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var changed = false;
            inertia = 0.0;
            for (var i = 0; i < points.Count; i++)
            {
                var (index, distance) = Nearest(points[i], centres);
                inertia += distance;
                if (index != assignments[i])
                {
                    (assignments[i], changed) = (index, true);
                }
            }
            if (!changed)
            {
                break;
            }
            var sums = new double[k][];
            var counts = new int[k];
            for (var c = 0; c < k; c++)
            {
                sums[c] = new double[dimensions];
            }
            for (var i = 0; i < points.Count; i++)
            {
                var sum = sums[assignments[i]];
                counts[assignments[i]]++;
                for (var d = 0; d < dimensions; d++)
                {
                    sum[d] += points[i][d];
                }
            }
            for (var c = 0; c < k; c++)
            {
                // An emptied cluster keeps its old centre; it may win points back next round.
                if (counts[c] > 0)
                {
                    centres[c] = [.. sums[c].Select(v => v / counts[c])];
                }
            }
        }
        return new Clustering(assignments, centres, inertia);
    }
}
