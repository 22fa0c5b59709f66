using GridMeter.Domain.Consumption;
using NodaTime;

namespace GridMeter.Domain.Vee;

/// <summary>
/// Replaces the register curve over [Start, End] by explicit points, given as Wh since Start (the
/// last one at End). An estimate fills a gap and ends where the readings do; an edit may end
/// elsewhere, and the difference then carries over to everything after End, so sums stay telescoping.
/// </summary>
public sealed record CurvePatch(Instant Start, Instant End, IReadOnlyList<RegisterPoint> Points)
{
    /// <summary>The patch's total over [Start, End].</summary>
    public long Total => Points.Count == 0 ? 0 : Points[^1].Wh;
}
