using NodaTime;

namespace GridMeter.Domain.Tariffs;

/// <summary>
/// A time-of-use period in the meter's local time: on <see cref="Days"/> (All when none were
/// given), from <see cref="From"/> to <see cref="To"/> (the whole day when neither was given; a
/// period ending at or before its start runs past midnight).
/// </summary>
public sealed record EnergyPeriod(string Name, decimal Price, TariffDays Days, LocalTime? From, LocalTime? To)
{
    public bool Matches(LocalDateTime local, TariffDays day)
    {
        if ((Days & day) == 0)
        {
            return false;
        }
        if (From is not { } from || To is not { } to)
        {
            return true;
        }
        var time = local.TimeOfDay;
        return from < to ? time >= from && time < to : time >= from || time < to;
    }
}
