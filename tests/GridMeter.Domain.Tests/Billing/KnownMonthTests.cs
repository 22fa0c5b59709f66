using System.Globalization;
using System.Text;
using GridMeter.Domain.Billing;
using GridMeter.Domain.Tariffs;
using NodaTime;

namespace GridMeter.Domain.Tests.Billing;

/// <summary>Whole months billed by hand first; the code must agree to the cent.</summary>
public sealed class KnownMonthTests
{
    private static readonly LocalDate Nov1 = new(2026, 11, 1);

    [Fact]
    public void A_time_of_use_month_bills_to_the_cent_with_a_weekday_holiday_at_offpeak()
    {
        // November 2026 in Rome: 21 weekdays, one of them (Wed 4th) declared a holiday → 20 peak days.
        // 0.8 kW all month: peak 20 × 12 h × 0.8 = 192 kWh, offpeak 720 h × 0.8 − 192 = 384 kWh.
        var tariff = new Tariff(new Currency("EUR"), Nov1, 0.1917m, 22m,
            [new EnergyPeriod("peak", 0.2871m, TariffDays.Mon | TariffDays.Tue | TariffDays.Wed | TariffDays.Thu | TariffDays.Fri, new LocalTime(8, 0), new LocalTime(20, 0)),
             new EnergyPeriod("offpeak", 0.1333m, TariffDays.All, null, null)],
            [], [], null, null, PaymentMode.Credit, new HashSet<LocalDate> { new(2026, 11, 4) });
        var span = Usage.Days(Nov1, new LocalDate(2026, 12, 1));

        var bill = Pricing.Price(tariff, Usage.Rome, span, Usage.Quarters(span, _ => 200));

        Assert.Equal(
            [
                new BillLine("peak", 192m, "kWh", 0.2871m, 55.12m),     // 55.1232
                new BillLine("offpeak", 384m, "kWh", 0.1333m, 51.19m),  // 51.1872
                new BillLine("standing charge", 30m, "day", 0.1917m, 5.75m), // 5.751
                new BillLine("VAT 22%", 112.06m, "EUR", 0.22m, 24.65m), // 24.6532
            ],
            bill.Lines);
        Assert.Equal(136.71m, bill.Total);
        Assert.Equal(576m, bill.ImportKwh);
    }

    [Fact]
    public void A_tiered_month_across_the_spring_change_bills_to_the_cent_rounding_half_away_from_zero()
    {
        // March 2026 in Rome has 743 hours (the 29th has 23). 0.5 kW → 371.5 kWh:
        // 100 at 0.10 = 10.00, 150 at 0.18 = 27.00, 121.5 at 0.23 = 27.945 → 27.95 (banker's rounding would say 27.94).
        var tariff = new Tariff(new Currency("EUR"), new LocalDate(2026, 3, 1), 0.15m, 10m, [],
            [new Tier(100, 0.10m), new Tier(250, 0.18m), new Tier(null, 0.23m)], [], null, null, PaymentMode.Credit, new HashSet<LocalDate>());
        var span = Usage.Days(new LocalDate(2026, 3, 1), new LocalDate(2026, 4, 1));

        var bill = Pricing.Price(tariff, Usage.Rome, span, Usage.Quarters(span, _ => 125));

        Assert.Equal(
            [
                new BillLine("block 1 (up to 100 kWh)", 100m, "kWh", 0.10m, 10.00m),
                new BillLine("block 2 (up to 250 kWh)", 150m, "kWh", 0.18m, 27.00m),
                new BillLine("block 3", 121.5m, "kWh", 0.23m, 27.95m),
                new BillLine("standing charge", 31m, "day", 0.15m, 4.65m),
                new BillLine("VAT 10%", 69.60m, "EUR", 0.10m, 6.96m),
            ],
            bill.Lines);
        Assert.Equal(76.56m, bill.Total);
    }

    [Fact]
    public void A_dynamic_price_month_imported_from_csv_bills_to_the_cent_with_export_credited()
    {
        // February 2026, hourly prices 0.10 + 0.01 × (local hour mod 4): a day at 1 kW costs
        // 24 × 0.10 + 6 × (0 + 0.01 + 0.02 + 0.03) = 2.76, the month 28 × 2.76 = 77.28 for 672 kWh.
        // Export 0.2 kW from 10:00 to 14:00: 0.8 kWh a day, 22.4 kWh at 0.0712 = 1.59488 → −1.59.
        // VAT 5% of 75.69 = 3.7845 → 3.78.
        var csv = new StringBuilder("from,price\n");
        for (var hour = Usage.Rome.AtStartOfDay(new LocalDate(2026, 2, 1)); hour.Month == 2; hour = hour.PlusHours(1))
        {
            var price = 0.10m + (0.01m * (hour.Hour % 4));
            csv.Append(CultureInfo.InvariantCulture, $"{hour.ToOffsetDateTime():uuuu-MM-dd'T'HH:mm:sso<g>},{price}\n");
        }
        Assert.True(DynamicPriceImport.TryParse(csv.ToString(), out var steps, out var error), error);
        var tariff = new Tariff(new Currency("EUR"), new LocalDate(2026, 2, 1), 0, 5m, [], [], steps, 0.0712m, null, PaymentMode.Credit, new HashSet<LocalDate>());
        var span = Usage.Days(new LocalDate(2026, 2, 1), new LocalDate(2026, 3, 1));

        var bill = Pricing.Price(tariff, Usage.Rome, span, Usage.Quarters(span, _ => 250, t => t.Hour is >= 10 and < 14 ? 50 : 0));

        Assert.Equal(
            [
                new BillLine("energy (dynamic)", 672m, "kWh", 0.115m, 77.28m),
                new BillLine("export", 22.4m, "kWh", -0.0712m, -1.59m),
                new BillLine("VAT 5%", 75.69m, "EUR", 0.05m, 3.78m),
            ],
            bill.Lines);
        Assert.Equal(79.47m, bill.Total);
        Assert.Equal(672, steps.Count);
    }

    [Fact]
    public void Dynamic_prices_read_from_json_as_from_csv()
    {
        Assert.True(DynamicPriceImport.TryParse("""[{"from":"2026-02-01T01:00:00+01:00","price":0.2},{"from":"2026-02-01T00:00:00+01:00","price":-0.01}]""", out var steps, out _));

        Assert.Equal([new PriceStep(Instant.FromUtc(2026, 1, 31, 23, 0), -0.01m), new PriceStep(Instant.FromUtc(2026, 2, 1, 0, 0), 0.2m)], steps);
        Assert.False(DynamicPriceImport.TryParse("from,price\n2026-02-01,0.1\n", out _, out var error));
        Assert.Contains("line 2", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_peak_demand_charge_is_on_the_highest_quarter_hour()
    {
        var tariff = Tariff.Flat("EUR", Nov1, 0.20m) with { DemandChargePerKw = 4.5m };
        var span = Usage.Days(Nov1, new LocalDate(2026, 11, 2));

        var bill = Pricing.Price(tariff, Usage.Rome, span, Usage.Quarters(span, t => t.Hour == 19 && t.Minute == 15 ? 900 : 100));

        // 900 Wh in a quarter-hour is 3.6 kW; energy 95 × 0.1 + 0.9 = 10.4 kWh.
        Assert.Equal([new BillLine("energy", 10.4m, "kWh", 0.20m, 2.08m), new BillLine("peak demand", 3.6m, "kW", 4.5m, 16.20m)], bill.Lines);
    }
}
