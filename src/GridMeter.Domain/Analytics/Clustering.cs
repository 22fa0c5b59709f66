namespace GridMeter.Domain.Analytics;

/// <summary>
/// The outcome of k-means: each point's cluster (0 … k-1), the centres, the sum of squared distances
/// to them (inertia) and, when k was chosen, the mean silhouette that chose it.
/// </summary>
public sealed record Clustering(int[] Assignments, double[][] Centres, double Inertia, double? Silhouette = null)
{
    public int K => Centres.Length;

    /// <summary>The number of points in each cluster.</summary>
    public int[] Sizes()
    {
        var sizes = new int[K];
        foreach (var a in Assignments)
        {
            sizes[a]++;
        }
        return sizes;
    }
}
