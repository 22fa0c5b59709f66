using NodaTime;

namespace GridMeter.Domain.Tariffs;

/// <summary>
/// A tariff as CONTRACT section 4 describes it. Exactly one of <see cref="Energy"/> (flat or
/// time-of-use), <see cref="Tiers"/> (monthly blocks) and <see cref="DynamicPrices"/> prices the
/// energy; the rest are optional charges. Prices are per kWh (per kW for demand, per day for the
/// standing charge), before VAT.
/// </summary>
public sealed record Tariff(
    Currency Currency,
    LocalDate ValidFrom,
    decimal StandingChargePerDay,
    decimal VatPercent,
    IReadOnlyList<EnergyPeriod> Energy,
    IReadOnlyList<Tier> Tiers,
    IReadOnlyList<PriceStep> DynamicPrices,
    decimal? ExportPrice,
    decimal? DemandChargePerKw,
    PaymentMode PaymentMode,
    IReadOnlySet<LocalDate> Holidays)
{
    public static Tariff Flat(string currency, LocalDate validFrom, decimal price, decimal standingChargePerDay = 0, decimal vatPercent = 0) =>
        new(new Currency(currency), validFrom, standingChargePerDay, vatPercent, [new EnergyPeriod("energy", price, TariffDays.All, null, null)],
            [], [], null, null, PaymentMode.Credit, new HashSet<LocalDate>());

    /// <summary>The time-of-use period that prices a quarter-hour starting at <paramref name="local"/>: the first that matches, or null.</summary>
    public EnergyPeriod? PeriodAt(LocalDateTime local)
    {
        var day = TariffDayNames.Of(local.Date, Holidays);
        foreach (var period in Energy)
        {
            if (period.Matches(local, day))
            {
                return period;
            }
        }
        return null;
    }

    /// <summary>The dynamic price in force at <paramref name="instant"/>: the last step at or before it, or null before the first.</summary>
    public decimal? DynamicPriceAt(Instant instant)
    {
        var (lo, hi, found) = (0, DynamicPrices.Count - 1, -1);
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (DynamicPrices[mid].From <= instant)
            {
                (found, lo) = (mid, mid + 1);
            }
            else
            {
                hi = mid - 1;
            }
        }
        return found < 0 ? null : DynamicPrices[found].Price;
    }
}
