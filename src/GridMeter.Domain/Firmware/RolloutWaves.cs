namespace GridMeter.Domain.Firmware;

/// <summary>
/// Splits a target group into waves (after Eclipse hawkBit's rollout groups). Waves are given as
/// cumulative percentages of the group, e.g. [1, 10, 100]: the first 1 %, up to 10 %, then the rest.
/// Every wave has at least one meter while meters are left.
/// </summary>
public static class RolloutWaves
{
    public const int MaxWaves = 10;

    /// <summary>Null when <paramref name="percents"/> rise strictly from above 0 to exactly 100; otherwise why not.</summary>
    public static string? Check(IReadOnlyList<int> percents)
    {
        if (percents.Count is 0 or > MaxWaves)
        {
            return $"'waves' must list 1 to {MaxWaves} cumulative percentages ending at 100, e.g. [1, 10, 100]";
        }
        for (var i = 0; i < percents.Count; i++)
        {
            if (percents[i] is < 1 or > 100 || (i > 0 && percents[i] <= percents[i - 1]))
            {
                return "'waves' must rise strictly, each between 1 and 100";
            }
        }
        return percents[^1] == 100 ? null : "the last wave must be 100 (the rest of the group)";
    }

    /// <summary>The wave (0-based) of each of <paramref name="count"/> meters, in order.</summary>
    public static int[] Assign(int count, IReadOnlyList<int> percents)
    {
        var waves = new int[count];
        var start = 0;
        for (var w = 0; w < percents.Count; w++)
        {
            var end = w == percents.Count - 1 ? count : Math.Max(start + 1, (int)Math.Ceiling(count * percents[w] / 100.0));
            for (var i = start; i < Math.Min(end, count); i++)
            {
                waves[i] = w;
            }
            start = Math.Min(end, count);
        }
        return waves;
    }
}
