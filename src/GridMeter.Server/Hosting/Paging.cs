namespace GridMeter.Server.Hosting;

public static class Paging
{
    public const int MaxLimit = 1000;

    /// <summary>A sane page: offset at least 0, limit between 1 and <see cref="MaxLimit"/>.</summary>
    public static (int Offset, int Limit) Clamp(int offset, int limit) => (Math.Max(offset, 0), Math.Clamp(limit, 1, MaxLimit));
}
