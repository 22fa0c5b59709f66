using NodaTime;

namespace GridMeter.Domain.Prepayment;

/// <summary>
/// When a household must never be cut off, in the meter's local time: every evening from
/// <see cref="EveningFrom"/> to <see cref="MorningUntil"/> next morning, and (when set) all of
/// Saturday, Sunday and public holidays. Defaults: 18:00–08:00, weekends, holidays.
/// </summary>
public sealed record FriendlyHours(LocalTime EveningFrom, LocalTime MorningUntil, bool Weekends, bool Holidays)
{
    public static FriendlyHours Default { get; } = new(new LocalTime(18, 0), new LocalTime(8, 0), Weekends: true, Holidays: true);

    public bool Contains(LocalDateTime local, IReadOnlySet<LocalDate> holidays)
    {
        if (Weekends && local.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday)
        {
            return true;
        }
        if (Holidays && holidays.Contains(local.Date))
        {
            return true;
        }
        var time = local.TimeOfDay;
        if (EveningFrom == MorningUntil)
        {
            return false;
        }
        return EveningFrom > MorningUntil
            ? time >= EveningFrom || time < MorningUntil
            : time >= EveningFrom && time < MorningUntil;
    }
}
