namespace GridMeter.Simulator.Meters;

/// <summary>
/// Sub-meter state at an instant: each appliance's energy in joules, the Wh pulses its register has
/// shown, and the Wh it has used that its register has not shown yet; plus the main meter's joules.
/// </summary>
internal sealed class SubMeterTotals
{
    public SubMeterTotals(int appliances)
    {
        Joules = new long[appliances];
        Shown = new long[appliances];
        Waiting = new long[appliances];
    }

    public long[] Joules { get; }

    public long[] Shown { get; }

    public long[] Waiting { get; }

    public long MainJoules { get; set; }

    public SubMeterTotals Copy()
    {
        var copy = new SubMeterTotals(Joules.Length) { MainJoules = MainJoules };
        Joules.CopyTo(copy.Joules, 0);
        Shown.CopyTo(copy.Shown, 0);
        Waiting.CopyTo(copy.Waiting, 0);
        return copy;
    }
}
