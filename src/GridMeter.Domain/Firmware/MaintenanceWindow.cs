using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace GridMeter.Domain.Firmware;

/// <summary>
/// Hours in the meter's own local time when it may be updated, e.g. 01:00–05:00; a window may
/// pass midnight (22:00–04:00). Equal ends mean all day. Local time, so a rollout across time
/// zones updates each meter in its own night, and DST shifts the window with the clock.
/// </summary>
public sealed record MaintenanceWindow(LocalTime From, LocalTime To)
{
    public static readonly MaintenanceWindow Always = new(LocalTime.Midnight, LocalTime.Midnight);

    private static readonly LocalTimePattern Pattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    public bool IsOpen(Instant now, DateTimeZone zone)
    {
        if (From == To)
        {
            return true;
        }
        var local = now.InZone(zone).TimeOfDay;
        return From < To ? local >= From && local < To : local >= From || local < To;
    }

    /// <summary>"HH:mm-HH:mm"; null when <paramref name="text"/> is not one.</summary>
    public static MaintenanceWindow? Parse(string? text)
    {
        var parts = text?.Split('-');
        if (parts is not { Length: 2 })
        {
            return null;
        }
        var from = Pattern.Parse(parts[0]);
        var to = Pattern.Parse(parts[1]);
        return from.Success && to.Success ? new MaintenanceWindow(from.Value, to.Value) : null;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Pattern.Format(From)}-{Pattern.Format(To)}");
}
