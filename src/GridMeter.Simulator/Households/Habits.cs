using GridMeter.Simulator.Randomness;

namespace GridMeter.Simulator.Households;

/// <summary>One household's own version of its lifestyle: its times on weekdays and at weekends.</summary>
internal sealed record Habits(Lifestyle Lifestyle, RoutineTimes Weekday, RoutineTimes Weekend)
{
    public static Habits Draw(Lifestyle lifestyle, ref SplitMix random) => new(
        lifestyle,
        RoutineTimes.Typical(lifestyle, weekend: false).Shifted(ref random),
        RoutineTimes.Typical(lifestyle, weekend: true).Shifted(ref random));

    public RoutineTimes For(bool weekend) => weekend ? Weekend : Weekday;
}
