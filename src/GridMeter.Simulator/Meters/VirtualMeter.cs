using GridMeter.Domain.Meters;
using GridMeter.Domain.Readings;
using GridMeter.Simulator.Households;
using GridMeter.Simulator.Randomness;
using NodaTime;

namespace GridMeter.Simulator.Meters;

/// <summary>
/// A virtual electricity meter over a simulated household. Power is piecewise constant per minute
/// (and per second where a relay switches); registers are its integral in whole Wh, live values its
/// value at the instant. Everything follows from the setup and the instant asked for, so answers do
/// not depend on which instants were asked before or in what order. Safe to call from several threads.
/// </summary>
public sealed class VirtualMeter
{
    private readonly Lock _gate = new();
    private readonly ApplianceSwitches _switches = new();
    private readonly MeterLedger _ledger;
    private readonly SubMeterLedger _subMeters;
    private readonly ObisCode[] _keys;
    private readonly ulong _noiseSeed;
    private (Instant Minute, int[] Watts, Split[][] Splits)? _liveMinute;

    public VirtualMeter(MeterSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        if (!MeterId.IsValid(setup.Id))
        {
            throw new ArgumentException($"'{setup.Id}' is not a valid meter id.", nameof(setup));
        }
        Setup = setup;
        var minutes = (setup.InstalledAt.ToUnixTimeTicks() + MinuteIntegral.TicksPerMinute - 1) / MinuteIntegral.TicksPerMinute;
        InstalledAt = Instant.FromUnixTimeTicks(minutes * MinuteIntegral.TicksPerMinute);
        _ledger = new MeterLedger(setup.Household, _switches, setup.Tariff, InstalledAt);
        _subMeters = new SubMeterLedger(setup.Household, _switches, InstalledAt);
        _keys = setup.Tariff is null ? MeterObis.WithoutTariffs : MeterObis.WithTariffs;
        _noiseSeed = Noise.Mix(setup.Household.SeedBits, Noise.OfText(setup.Id));
    }

    public MeterSetup Setup { get; }

    public string Id => Setup.Id;

    public Household Household => Setup.Household;

    public HouseholdArchetype Archetype => Household.Archetype;

    public DateTimeZone Zone => Household.Premises.Zone;

    public int Phases => Household.Premises.Phases;

    /// <summary>When counting began: the setup's instant, moved up to a whole minute.</summary>
    public Instant InstalledAt { get; }

    public RegisterSnapshot SnapshotAt(Instant at) => SnapshotsAt([at])[0];

    /// <summary>Snapshots at from, from + step, … before <paramref name="to"/> (half-open, like every interval here).</summary>
    public IReadOnlyList<RegisterSnapshot> SnapshotsBetween(Instant from, Instant to, Duration step)
    {
        if (step <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "The step must be positive.");
        }
        var instants = new List<Instant>();
        for (var at = from; at < to; at += step)
        {
            instants.Add(at);
        }
        return SnapshotsAt(instants);
    }

    /// <summary>One local day's series: 96 quarter-hours on most days, 92 or 100 on DST days.</summary>
    public IReadOnlyList<RegisterSnapshot> SnapshotsOfDay(LocalDate date, Duration step) =>
        SnapshotsBetween(Zone.AtStartOfDay(date).ToInstant(), Zone.AtStartOfDay(date.PlusDays(1)).ToInstant(), step);

    /// <summary>Snapshots at the given instants, which must be in order.</summary>
    public IReadOnlyList<RegisterSnapshot> SnapshotsAt(IReadOnlyList<Instant> instants)
    {
        ArgumentNullException.ThrowIfNull(instants);
        for (var i = 0; i < instants.Count; i++)
        {
            CheckInstalled(instants[i]);
            if (i > 0 && instants[i] < instants[i - 1])
            {
                throw new ArgumentException("Instants must be in order.", nameof(instants));
            }
        }
        MeterTotals[] totals;
        lock (_gate)
        {
            totals = _ledger.At(instants);
        }
        var snapshots = new RegisterSnapshot[instants.Count];
        for (var i = 0; i < snapshots.Length; i++)
        {
            snapshots[i] = new RegisterSnapshot(instants[i], new RegisterValues(_keys, Values(totals[i])));
        }
        return snapshots;
    }

    /// <summary>Instantaneous values for a live message.</summary>
    public LiveValues LiveAt(Instant at)
    {
        CheckInstalled(at);
        lock (_gate)
        {
            var day = Household.Day(at.InZone(Zone).Date);
            var ticks = (at - day.Start).BclCompatibleTicks;
            var minute = (int)(ticks / MinuteIntegral.TicksPerMinute);
            var minuteStart = day.Start + Duration.FromMinutes(minute);
            if (_liveMinute is not { } cached || cached.Minute != minuteStart)
            {
                var days = new ApplianceDays(day, _switches, 0);
                var watts = new int[days.Count];
                var splits = new Split[days.Count][];
                for (var i = 0; i < watts.Length; i++)
                {
                    watts[i] = days.WattsAt(i, minute);
                    splits[i] = days.SplitsIn(i, minute).ToArray();
                }
                _liveMinute = cached = (minuteStart, watts, splits);
            }
            Span<int> now = stackalloc int[cached.Watts.Length];
            for (var i = 0; i < now.Length; i++)
            {
                now[i] = MinuteIntegral.PowerAt(cached.Watts[i], cached.Splits[i], ticks % MinuteIntegral.TicksPerMinute);
            }
            return LiveModel.Compute(at, Household, now, day.WallMinute(minute), _noiseSeed);
        }
    }

    /// <summary>An appliance's sub-meter or smart plug at an instant.</summary>
    public ApplianceSnapshot ApplianceSnapshotAt(string applianceId, Instant at)
    {
        CheckInstalled(at);
        var index = Household.IndexOf(applianceId);
        var generation = Household.Appliances[index].IsGeneration;
        lock (_gate)
        {
            var (wh, watts) = _subMeters.At(index, at);
            var registers = generation
                ? new RegisterValues(MeterObis.ApplianceGeneration, [Kwh.FromWh(0), Kwh.FromWh(wh)])
                : new RegisterValues(MeterObis.ApplianceImport, [Kwh.FromWh(wh)]);
            return new ApplianceSnapshot(applianceId, new RegisterSnapshot(at, registers), _switches.IsOn(index, at), Kwh.FromWh(watts)); // W / 1000 = kW, exact
        }
    }

    /// <summary>
    /// Commands an appliance's relay on or off from <paramref name="at"/> (effective at the next whole
    /// second). Values before that instant do not change; give commands in time order with the readings
    /// already taken, or later values than those already read will be recomputed.
    /// </summary>
    public void SetApplianceState(string applianceId, bool on, Instant at)
    {
        var index = Household.IndexOf(applianceId);
        lock (_gate)
        {
            _switches.Set(index, at, on);
            _ledger.Forget(at);
            _subMeters.Forget(at);
            _liveMinute = null;
        }
    }

    private decimal[] Values(MeterTotals totals)
    {
        var initial = Setup.Initial;
        var import = Kwh.FromWh(initial.ImportDayWh + initial.ImportNightWh + totals.ImportWh);
        var export = Kwh.FromWh(initial.ExportWh + totals.ExportWh);
        return Setup.Tariff is null
            ? [import, export]
            : [import, Kwh.FromWh(initial.ImportDayWh + totals.DayTariffWh), Kwh.FromWh(initial.ImportNightWh + totals.NightTariffWh), export];
    }

    private void CheckInstalled(Instant at)
    {
        if (at < InstalledAt)
        {
            throw new ArgumentOutOfRangeException(nameof(at), at, $"Meter {Id} was installed at {InstalledAt}.");
        }
    }
}
