using GridMeter.Simulator.Randomness;

namespace GridMeter.Simulator.Households;

/// <summary>
/// Habitual times of one kind of day, as minutes after local midnight on the wall clock; -1 where
/// the household does not do it (does not leave, does not lunch at home).
/// </summary>
internal sealed record RoutineTimes(int Wake, int Leave, int Return, int Lunch, int Dinner, int Bed)
{
    public static RoutineTimes Typical(Lifestyle lifestyle, bool weekend) => (lifestyle, weekend) switch
    {
        (Lifestyle.Couple, false) => new(At(6, 30), At(7, 50), At(18, 20), -1, At(19, 50), At(23, 15)),
        (Lifestyle.Couple, true) => new(At(8, 40), -1, -1, At(13, 0), At(19, 45), At(23, 40)),
        (Lifestyle.Family, false) => new(At(6, 40), At(7, 55), At(16, 10), -1, At(18, 50), At(22, 40)),
        (Lifestyle.Family, true) => new(At(8, 0), -1, -1, At(12, 45), At(19, 0), At(23, 0)),
        (Lifestyle.Retired, false) => new(At(7, 20), -1, -1, At(12, 15), At(18, 20), At(22, 15)),
        (Lifestyle.Retired, true) => new(At(7, 40), -1, -1, At(12, 30), At(18, 30), At(22, 30)),
        (Lifestyle.HomeOffice, false) => new(At(7, 0), -1, -1, At(12, 45), At(19, 45), At(23, 30)),
        _ => new(At(8, 20), -1, -1, At(13, 0), At(19, 30), At(23, 40)),
    };

    /// <summary>The same habits moved by a chronotype (everything earlier or later) plus a little each.</summary>
    public RoutineTimes Shifted(ref SplitMix random)
    {
        var chronotype = random.Minutes(0, 20);
        return new RoutineTimes(
            Move(Wake, chronotype, ref random), Move(Leave, chronotype, ref random), Move(Return, chronotype, ref random),
            Move(Lunch, chronotype / 2, ref random), Move(Dinner, chronotype / 2, ref random), Move(Bed, chronotype, ref random));
    }

    private static int Move(int time, int shift, ref SplitMix random) =>
        time < 0 ? -1 : Math.Clamp(random.Minutes(time + shift, 10), 0, (24 * 60) - 15);

    private static int At(int hour, int minute) => (hour * 60) + minute;
}
