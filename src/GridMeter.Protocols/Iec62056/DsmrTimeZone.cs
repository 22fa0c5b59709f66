namespace GridMeter.Protocols.Iec62056;

/// <summary>
/// The UTC offsets a meter's S (summer) and W (winter) timestamp suffixes stand for. DSMR 5.0.2 §6.4
/// writes local time as YYMMDDhhmmssX; the letter decides between the two offsets, so no time-zone
/// database is needed. <see cref="Rules"/> resolves the older timestamps that carry no letter.
/// </summary>
public sealed record DsmrTimeZone(TimeSpan Winter, TimeSpan Summer, TimeZoneInfo? Rules = null)
{
    /// <summary>CET/CEST: the Netherlands, Belgium, Luxembourg, Hungary, Germany.</summary>
    public static readonly DsmrTimeZone CentralEurope = new(TimeSpan.FromHours(1), TimeSpan.FromHours(2));

    /// <summary>GMT/IST: Ireland (and the United Kingdom's GMT/BST).</summary>
    public static readonly DsmrTimeZone Ireland = new(TimeSpan.Zero, TimeSpan.FromHours(1));

    /// <summary>The offset of a local time written without S/W: from <see cref="Rules"/>, else winter time.</summary>
    public TimeSpan OffsetOf(DateTime local) => Rules?.GetUtcOffset(local) ?? Winter;
}
