using GridMeter.Simulator.Randomness;

namespace GridMeter.Simulator.Households.Appliances;

/// <summary>
/// How one appliance draws power over a household's day. A model is a pure function of the household,
/// its own seed and the day, so any day can be rendered on its own, in any order.
/// </summary>
internal abstract class ApplianceModel(Appliance appliance, ulong seed)
{
    public Appliance Appliance { get; } = appliance;

    /// <summary>Active over apparent power; 1 for heating elements, lower for motors and electronics.</summary>
    public virtual double PowerFactor => 0.95;

    /// <summary>What it draws when a fault keeps it running without pause.</summary>
    public virtual int StuckOnWatts => Appliance.RatedWatts;

    protected ulong Seed { get; } = seed;

    /// <summary>Adds the appliance's watts, minute by minute, to the day.</summary>
    public abstract void Render(HouseholdDay day, MinuteCanvas canvas);

    /// <summary>The appliance's random draws for one day.</summary>
    protected SplitMix Today(HouseholdDay day) => day.Random(Seed);

    /// <summary>Noise in [-1, 1) for one quarter-hour of the day.</summary>
    protected double QuarterNoise(HouseholdDay day, int minute) =>
        Noise.Signed(Seed, (ulong)((day.EpochMinute + minute) / 15));

    protected static int Scaled(int watts, double factor) => (int)Math.Round(watts * factor);
}
