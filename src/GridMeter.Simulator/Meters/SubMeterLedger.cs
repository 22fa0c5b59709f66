using GridMeter.Simulator.Households;
using NodaTime;

namespace GridMeter.Simulator.Meters;

/// <summary>
/// The appliances' sub-meter registers. Rounding each register down to its own whole Wh would let
/// the sub-meters together tick a Wh before the main meter does; so, where the main meter measures
/// exactly the sum of the appliances (no generation), a sub-meter's Wh pulse is shown only on one of
/// the main meter's own pulses, one appliance per pulse, taking turns. The sub-meters then never
/// add up to more than the main meter over any interval, and lag their own energy by a few Wh at most.
/// With PV the main meter sees only the net, so each sub-meter simply counts its own energy.
/// </summary>
internal sealed class SubMeterLedger(Household household, ApplianceSwitches switches, Instant installedAt)
{
    private readonly DateTimeZone _zone = household.Premises.Zone;
    private readonly LocalDate _firstDate = installedAt.InZone(household.Premises.Zone).Date;
    private readonly bool _paced = !household.HasGeneration;
    private readonly List<SubMeterTotals> _dayStarts = [new(household.Appliances.Count)];
    private ApplianceDays? _lastDay; // a plug is usually read many times in a row on the same day
    private (LocalDate Date, int Minute, SubMeterTotals State)? _cursor; // and forward in time

    /// <summary>The Wh an appliance's register shows at <paramref name="instant"/>, and its power then.</summary>
    public (long Wh, int Watts) At(int appliance, Instant instant)
    {
        var date = instant.InZone(_zone).Date;
        var days = Render(date);
        var ticks = (instant - days.Day.Start).BclCompatibleTicks;
        var minute = (int)(ticks / MinuteIntegral.TicksPerMinute);
        var rest = ticks % MinuteIntegral.TicksPerMinute;
        var (from, state) = _cursor is { } cursor && cursor.Date == date && cursor.Minute <= minute
            ? (cursor.Minute, cursor.State)
            : (0, StartOf(date).Copy());
        for (var m = from; m < minute; m++)
        {
            Step(days, m, state);
        }
        _cursor = (date, minute, state);
        var watts = minute < days.Day.Minutes ? days.PowerAt(appliance, minute, rest) : 0;
        return (rest == 0 ? state.Shown[appliance] : Partial(days, minute, rest, state, appliance), watts);
    }

    public void Forget(Instant instant)
    {
        var keep = Math.Max(1, DayIndex(instant.InZone(_zone).Date) + 1);
        _lastDay = null;
        _cursor = null;
        if (_dayStarts.Count > keep)
        {
            _dayStarts.RemoveRange(keep, _dayStarts.Count - keep);
        }
    }

    private SubMeterTotals StartOf(LocalDate date)
    {
        var index = DayIndex(date);
        while (_dayStarts.Count <= index)
        {
            var days = Render(_firstDate.PlusDays(_dayStarts.Count - 1));
            var state = _dayStarts[^1].Copy();
            for (var m = 0; m < days.Day.Minutes; m++)
            {
                Step(days, m, state);
            }
            _dayStarts.Add(state);
        }
        return _dayStarts[index];
    }

    private void Step(ApplianceDays days, int minute, SubMeterTotals state)
    {
        long main = 0;
        for (var i = 0; i < days.Count; i++)
        {
            var joules = days.MinuteJoules(i, minute);
            var before = state.Joules[i] / 3600;
            state.Joules[i] += joules;
            state.Waiting[i] += (state.Joules[i] / 3600) - before;
            main += joules;
        }
        var pulses = ((state.MainJoules + main) / 3600) - (state.MainJoules / 3600);
        state.MainJoules += main;
        var first = FirstInTurn(days, minute);
        for (var q = 0; q < days.Count; q++)
        {
            var i = (first + q) % days.Count;
            var shown = _paced ? Math.Min(state.Waiting[i], pulses) : state.Waiting[i];
            state.Shown[i] += shown;
            state.Waiting[i] -= shown;
            pulses -= shown;
        }
    }

    /// <summary>The register part-way through a minute: the appliance's pulses are the main meter's pulses at its turn.</summary>
    private long Partial(ApplianceDays days, int minute, long ticks, SubMeterTotals state, int appliance)
    {
        if (!_paced)
        {
            var (own, _) = MinuteIntegral.Joules(days.WattsAt(appliance, minute), days.SplitsIn(appliance, minute), ticks);
            return (state.Joules[appliance] + own) / 3600;
        }
        var full = state.Copy();
        Step(days, minute, full);
        long mainWattTicks = 0;
        for (var i = 0; i < days.Count; i++)
        {
            mainWattTicks += MinuteIntegral.WattTicks(days.WattsAt(i, minute), days.SplitsIn(i, minute), ticks).Import;
        }
        var pulsesSoFar = ((state.MainJoules + (mainWattTicks / MinuteIntegral.TicksPerSecond)) / 3600) - (state.MainJoules / 3600);
        var first = FirstInTurn(days, minute);
        long before = 0;
        for (var q = 0; (first + q) % days.Count != appliance; q++)
        {
            var i = (first + q) % days.Count;
            before += full.Shown[i] - state.Shown[i];
        }
        var mine = full.Shown[appliance] - state.Shown[appliance];
        return state.Shown[appliance] + Math.Clamp(pulsesSoFar - before, 0, mine);
    }

    private static int FirstInTurn(ApplianceDays days, int minute) => (int)((days.Day.EpochMinute + minute) % days.Count);

    private int DayIndex(LocalDate date) => date.ToDateOnly().DayNumber - _firstDate.ToDateOnly().DayNumber;

    private ApplianceDays Render(LocalDate date)
    {
        if (_lastDay?.Day.Date == date)
        {
            return _lastDay;
        }
        var day = household.Day(date);
        return _lastDay = new ApplianceDays(day, switches, date == _firstDate ? DayRenderer.CeilingMinute(day, installedAt) : 0);
    }
}
