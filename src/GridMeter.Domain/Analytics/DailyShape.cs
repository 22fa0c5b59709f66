namespace GridMeter.Domain.Analytics;

/// <summary>
/// A customer's daily 15-minute profile normalised to its own total (of magnitudes), so clustering compares when a
/// household uses energy, not how much: a large and a small working couple look alike.
/// </summary>
public static class DailyShape
{
    public const int Quarters = 96;

    /// <summary>
    /// The day's net quarter-hours (import less export) divided by the sum of their magnitudes, so a
    /// home exporting at noon keeps that sign; null for a day that is not 96 quarters long (the two
    /// DST days), has a missing value, or neither used nor exported anything.
    /// </summary>
    public static double[]? Normalise(IReadOnlyList<double?> quarterHours)
    {
        ArgumentNullException.ThrowIfNull(quarterHours);
        if (quarterHours.Count != Quarters)
        {
            return null;
        }
        var total = 0.0;
        foreach (var value in quarterHours)
        {
            if (value is not { } v || !double.IsFinite(v))
            {
                return null;
            }
            total += Math.Abs(v);
        }
        if (total <= 0)
        {
            return null;
        }
        var shape = new double[Quarters];
        for (var i = 0; i < Quarters; i++)
        {
            shape[i] = quarterHours[i]!.Value / total;
        }
        return shape;
    }

    /// <summary>The mean of several normalised days (itself normalised); null when there are none.</summary>
    public static double[]? Mean(IEnumerable<double[]> shapes)
    {
        ArgumentNullException.ThrowIfNull(shapes);
        var sum = new double[Quarters];
        var count = 0;
        foreach (var shape in shapes)
        {
            for (var i = 0; i < Quarters; i++)
            {
                sum[i] += shape[i];
            }
            count++;
        }
        if (count == 0)
        {
            return null;
        }
        for (var i = 0; i < Quarters; i++)
        {
            sum[i] /= count;
        }
        return sum;
    }

    /// <summary>
    /// The point k-means clusters: the signed square root of each quarter's share. Euclidean distance
    /// between such points is the Hellinger distance of the shapes, which weighs a night-time charge or
    /// a midday export as much as the evening peak; on raw shares the largest quarters decide alone.
    /// </summary>
    public static double[] Features(double[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return [.. shape.Select(v => Math.Sign(v) * Math.Sqrt(Math.Abs(v)))];
    }

    /// <summary>A cluster centre back as a shape (shares of the day, signed).</summary>
    public static double[] FromFeatures(double[] features)
    {
        ArgumentNullException.ThrowIfNull(features);
        return [.. features.Select(v => Math.Sign(v) * v * v)];
    }
}
