using GridMeter.Domain.Consumption;

namespace GridMeter.Domain.Vee;

/// <summary>
/// Validation and estimation of one register over a span, as a pure decision: rollovers are found
/// first (so they are neither suspect nor counted as a drop), then every step between readings is
/// checked, then each gap is filled along the meter's profile.
/// </summary>
public static class Vee
{
    public static VeeOutcome Run(VeeInput input)
    {
        var continuous = RegisterEvents.Apply(input.Readings, input.RecordedEvents);
        var rollovers = RegisterEvents.FindRollovers(continuous, input.Limit);
        if (rollovers.Count > 0)
        {
            continuous = RegisterEvents.Apply(input.Readings, [.. input.RecordedEvents, .. rollovers]);
        }
        var flags = Validation.Check(continuous, input);
        var estimates = Estimation.FillGaps(continuous, input.Profile, input.Zone, input.ReadingPeriod);
        return new VeeOutcome(rollovers, flags, estimates);
    }

    /// <summary>
    /// The series a bill is made from: readings made continuous by their events, gaps filled by
    /// their estimates, failed spans marked suspect, then people's edits up to a version laid on top.
    /// </summary>
    public static RegisterSeries Corrected(
        IReadOnlyList<RegisterPoint> readings,
        IReadOnlyList<RegisterEvent> events,
        IReadOnlyList<CurvePatch> estimates,
        IReadOnlyList<VeeFlag> flags,
        IReadOnlyList<IntervalEdit> edits,
        NodaTime.Duration readingPeriod) =>
        SeriesComposer.Compose(RegisterEvents.Apply(readings, events), estimates, flags, edits, readingPeriod);
}
