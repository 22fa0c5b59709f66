namespace GridMeter.Domain.Readings;

/// <summary>The decision on a readings message: the readings to store, or why nothing is stored.</summary>
public sealed record ReadingVerdict(IReadOnlyList<Reading> Accepted, string? Rejection)
{
    public bool IsAccepted => Rejection is null;

    public static ReadingVerdict Accept(IReadOnlyList<Reading> readings) => new(readings, null);

    public static ReadingVerdict Reject(string reason) => new([], reason);
}
