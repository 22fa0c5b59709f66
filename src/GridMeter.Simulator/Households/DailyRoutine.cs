namespace GridMeter.Simulator.Households;

/// <summary>
/// What the household does on one day, as indices of real minutes since the start of the local day
/// (on the day the clocks go forward, 19:00 on the wall is index 1080, not 1140); -1 where it does
/// not happen.
/// </summary>
internal readonly record struct DailyRoutine(int Wake, int Leave, int Return, int Lunch, int Dinner, int Bed)
{
    public bool GoesOut => Leave >= 0;

    /// <summary>The first stretch of the day spent awake at home (the whole day for those who stay in).</summary>
    public (int From, int To) MorningAtHome => GoesOut ? (Wake, Leave) : (Wake, Bed);

    /// <summary>The second stretch awake at home, empty for those who stay in.</summary>
    public (int From, int To) EveningAtHome => GoesOut ? (Return, Bed) : (Bed, Bed);
}
