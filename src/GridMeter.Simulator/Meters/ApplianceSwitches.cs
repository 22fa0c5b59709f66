using NodaTime;

namespace GridMeter.Simulator.Meters;

/// <summary>
/// The commanded relay state of each smart plug over time. Every appliance is on until commanded
/// otherwise; a command takes effect at the next whole second (relays act on the second).
/// </summary>
internal sealed class ApplianceSwitches
{
    private readonly Dictionary<int, List<(long Second, bool On)>> _byAppliance = [];

    public bool Any(int appliance) => _byAppliance.ContainsKey(appliance);

    public void Set(int appliance, Instant at, bool on)
    {
        if (!_byAppliance.TryGetValue(appliance, out var log))
        {
            _byAppliance[appliance] = log = [];
        }
        var second = EffectiveSecond(at);
        var index = log.FindLastIndex(e => e.Second <= second) + 1;
        log.Insert(index, (second, on));
    }

    public bool IsOn(int appliance, Instant at)
    {
        if (!_byAppliance.TryGetValue(appliance, out var log))
        {
            return true;
        }
        var ticks = at.ToUnixTimeTicks();
        var on = true;
        foreach (var (second, state) in log)
        {
            if (second * MinuteIntegral.TicksPerSecond > ticks)
            {
                break;
            }
            on = state;
        }
        return on;
    }

    /// <summary>The switches in [from, to) in order, as Unix seconds.</summary>
    public IEnumerable<(long Second, bool On)> Between(int appliance, Instant from, Instant to)
    {
        if (!_byAppliance.TryGetValue(appliance, out var log))
        {
            return [];
        }
        var first = from.ToUnixTimeTicks();
        var last = to.ToUnixTimeTicks();
        return log.Where(e => e.Second * MinuteIntegral.TicksPerSecond >= first && e.Second * MinuteIntegral.TicksPerSecond < last);
    }

    /// <summary>The whole second at or after <paramref name="at"/>.</summary>
    public static long EffectiveSecond(Instant at)
    {
        var ticks = at.ToUnixTimeTicks();
        return (ticks + MinuteIntegral.TicksPerSecond - 1) / MinuteIntegral.TicksPerSecond;
    }
}
