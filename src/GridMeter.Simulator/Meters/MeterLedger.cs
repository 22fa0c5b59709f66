using GridMeter.Simulator.Households;
using NodaTime;

namespace GridMeter.Simulator.Meters;

/// <summary>
/// The main meter's running sums. What was counted up to the start of each local day since
/// installation is kept, so any instant costs one day's rendering once its day start is known,
/// and a day start costs each earlier day once.
/// </summary>
internal sealed class MeterLedger(Household household, ApplianceSwitches switches, TariffWindow? tariff, Instant installedAt)
{
    private readonly DateTimeZone _zone = household.Premises.Zone;
    private readonly LocalDate _firstDate = installedAt.InZone(household.Premises.Zone).Date;
    private readonly List<MeterTotals> _dayStarts = [default];

    /// <summary>The totals at each of <paramref name="instants"/>, which must be in order.</summary>
    public MeterTotals[] At(IReadOnlyList<Instant> instants)
    {
        var results = new MeterTotals[instants.Count];
        var i = 0;
        while (i < instants.Count)
        {
            var date = instants[i].InZone(_zone).Date;
            using var power = Render(date);
            var walk = new Walk(power, tariff, StartOf(date));
            for (; i < instants.Count && instants[i] < power.Day.Start + Duration.FromMinutes(power.Minutes); i++)
            {
                results[i] = walk.To((instants[i] - power.Day.Start).BclCompatibleTicks);
            }
        }
        return results;
    }

    /// <summary>Forgets day starts after <paramref name="instant"/>: a relay command changed what follows it.</summary>
    public void Forget(Instant instant)
    {
        var keep = Math.Max(1, DayIndex(instant.InZone(_zone).Date) + 1);
        if (_dayStarts.Count > keep)
        {
            _dayStarts.RemoveRange(keep, _dayStarts.Count - keep);
        }
    }

    private MeterTotals StartOf(LocalDate date)
    {
        var index = DayIndex(date);
        while (_dayStarts.Count <= index)
        {
            using var power = Render(_firstDate.PlusDays(_dayStarts.Count - 1));
            _dayStarts.Add(new Walk(power, tariff, _dayStarts[^1]).To(power.Minutes * MinuteIntegral.TicksPerMinute));
        }
        return _dayStarts[index];
    }

    private int DayIndex(LocalDate date) => date.ToDateOnly().DayNumber - _firstDate.ToDateOnly().DayNumber;

    private DayPower Render(LocalDate date)
    {
        var day = household.Day(date);
        return DayPower.Render(day, switches, date == _firstDate ? DayRenderer.CeilingMinute(day, installedAt) : 0);
    }

    /// <summary>
    /// A forward walk through one day's minutes, from the totals at the day's start. The Wh pulses of a
    /// stretch with one tariff add up however the stretch is cut, so stretches between tariff changes
    /// and relay switches are summed in one go; a minute with a switch inside is integrated on its own.
    /// </summary>
    private struct Walk
    {
        private readonly DayPower _power;
        private readonly TariffWindow? _tariff;
        private readonly int[] _breaks;
        private MeterTotals _totals;
        private int _minute;
        private int _next;

        public Walk(DayPower power, TariffWindow? tariff, MeterTotals start)
        {
            _power = power;
            _tariff = tariff;
            _totals = start;
            var splits = power.SplitMinutes.SelectMany(m => new[] { m, m + 1 });
            _breaks = [.. (tariff?.Changes(power.Day) ?? []).Concat(splits).Distinct().Order()];
        }

        /// <summary>Totals at <paramref name="ticks"/> after the day's start; never earlier than the last call.</summary>
        public MeterTotals To(long ticks)
        {
            var minute = (int)(ticks / MinuteIntegral.TicksPerMinute);
            while (_minute < minute)
            {
                while (_next < _breaks.Length && _breaks[_next] <= _minute)
                {
                    _next++;
                }
                var end = _next < _breaks.Length ? Math.Min(minute, _breaks[_next]) : minute;
                if (_power.HasSplitsIn(_minute))
                {
                    end = _minute + 1;
                    var (import, export) = MinuteIntegral.Joules(_power.WattsAt(_minute), _power.SplitsIn(_minute), MinuteIntegral.TicksPerMinute);
                    _totals = _totals.Plus(import, export, IsDay(_minute));
                }
                else
                {
                    var (import, export) = _power.WattMinutes(_minute, end);
                    _totals = _totals.Plus(import * 60, export * 60, IsDay(_minute));
                }
                _minute = end;
            }
            var rest = ticks % MinuteIntegral.TicksPerMinute;
            if (rest == 0)
            {
                return _totals;
            }
            var (partImport, partExport) = MinuteIntegral.Joules(_power.WattsAt(minute), _power.SplitsIn(minute), rest);
            return _totals.Plus(partImport, partExport, IsDay(minute));
        }

        private readonly bool IsDay(int minute) => _tariff?.IsDay(_power.Day, minute) ?? true;
    }
}
