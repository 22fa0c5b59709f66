using GridMeter.Simulator.Households;
using GridMeter.Simulator.Households.Appliances;
using NodaTime;

namespace GridMeter.Simulator.Meters;

/// <summary>
/// Renders one appliance's power over one day as the meter sees it: the model's watts, changed by
/// any injected faults, and cut by the smart plug's relay where it is commanded off.
/// </summary>
internal static class DayRenderer
{
    /// <summary>
    /// Writes the appliance's watts for each minute of the day into <paramref name="watts"/> (which
    /// must start cleared) and adds its in-minute relay changes, times <paramref name="sign"/>, to
    /// <paramref name="splits"/>. Minutes before <paramref name="firstMinute"/> (installation) are zero.
    /// </summary>
    public static void Render(
        HouseholdDay day, int appliance, ApplianceSwitches switches, Span<int> watts, ref List<Split>? splits, int sign, int firstMinute)
    {
        var household = day.Household;
        var model = household.Model(appliance);
        model.Render(day, new MinuteCanvas(watts));
        ApplyFaults(day, model, household.FaultsOf(appliance), watts);
        if (switches.Any(appliance))
        {
            ApplySwitches(day, appliance, switches, watts, ref splits, sign, firstMinute);
        }
        watts[..Math.Min(firstMinute, watts.Length)].Clear();
    }

    /// <summary>True when the appliance renders exactly as its model: no fault, no relay command.</summary>
    public static bool IsPlain(Household household, int appliance, ApplianceSwitches switches) =>
        household.FaultsOf(appliance).Count == 0 && !switches.Any(appliance);

    /// <summary>The minute index of the first whole minute at or after an instant, within [0, minutes].</summary>
    public static int CeilingMinute(HouseholdDay day, Instant at)
    {
        var ticks = (at - day.Start).BclCompatibleTicks;
        var minute = ticks <= 0 ? 0 : (ticks + MinuteIntegral.TicksPerMinute - 1) / MinuteIntegral.TicksPerMinute;
        return (int)Math.Min(minute, day.Minutes);
    }

    private static void ApplyFaults(HouseholdDay day, ApplianceModel model, IReadOnlyList<ApplianceFault> faults, Span<int> watts)
    {
        foreach (var fault in faults)
        {
            var affected = watts[CeilingMinute(day, fault.Start)..];
            switch (fault.Kind)
            {
                case FaultKind.StuckOn:
                    affected.Fill(model.StuckOnWatts);
                    break;
                case FaultKind.Stopped:
                    affected.Clear();
                    break;
                case FaultKind.Overpower:
                    for (var i = 0; i < affected.Length; i++)
                    {
                        affected[i] = (int)Math.Round(affected[i] * fault.Factor);
                    }
                    break;
            }
        }
    }

    private static void ApplySwitches(
        HouseholdDay day, int appliance, ApplianceSwitches switches, Span<int> watts, ref List<Split>? splits, int sign, int firstMinute)
    {
        var on = switches.IsOn(appliance, day.Start);
        var startSecond = day.Start.ToUnixTimeSeconds();
        var next = 0; // first minute whose state at its start is not settled yet
        var splitMinute = -1;
        var splitPower = 0;
        foreach (var (second, state) in switches.Between(appliance, day.Start, day.Start + Duration.FromMinutes(day.Minutes)))
        {
            var minute = (int)((second - startSecond) / 60);
            var within = (int)((second - startSecond) % 60);
            if (minute >= next)
            {
                if (!on)
                {
                    watts[next..minute].Clear();
                }
                next = minute;
            }
            if (within == 0)
            {
                on = state;
                continue;
            }
            if (minute != splitMinute)
            {
                // The minute starts in the state before this switch; later switches in it are splits.
                splitMinute = minute;
                splitPower = watts[minute];
                if (!on)
                {
                    watts[minute] = 0;
                }
                next = minute + 1;
            }
            if (state != on && minute >= firstMinute)
            {
                (splits ??= []).Add(new Split(minute, within, sign * (state ? splitPower : -splitPower)));
            }
            on = state;
        }
        if (!on)
        {
            watts[next..].Clear();
        }
    }
}
