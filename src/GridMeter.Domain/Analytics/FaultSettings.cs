namespace GridMeter.Domain.Analytics;

/// <param name="MadFactor">An hour is above pattern beyond median + this × 1.4826 × MAD (robust standard deviations).</param>
/// <param name="FloorWh">… and beyond median + this, so an hour that never varies does not flag on a few Wh.</param>
/// <param name="AboveHours">How many hours above pattern make a fault.</param>
/// <param name="PeakFactor">Also above pattern: one hour beyond this many times the most any hour of the history used.</param>
/// <param name="StuckHours">How many consecutive equal non-zero hours make a stuck reading.</param>
/// <param name="StoppedShare">Stopped when the hours use at most this share of their usual energy …</param>
/// <param name="StoppedMinExpectedWh">… and their usual energy is at least this: an appliance used twice a week cannot be said to have stopped in a day.</param>
/// <param name="StoppedMinHours">… in at least this many hours: a washing machine's one usual hour missed is no stop.</param>
/// <param name="MinSamples">Hours of the week learned from fewer weeks than this are not judged.</param>
public sealed record FaultSettings(
    double MadFactor = 5, long FloorWh = 30, int AboveHours = 3, double PeakFactor = 1.5, int StuckHours = 6, double StoppedShare = 0.05, long StoppedMinExpectedWh = 150, int StoppedMinHours = 4, int MinSamples = 3)
{
    public static FaultSettings Default { get; } = new();
}
