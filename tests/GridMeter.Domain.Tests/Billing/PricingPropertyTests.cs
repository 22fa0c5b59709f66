using FsCheck.Fluent;
using GridMeter.Domain.Billing;
using GridMeter.Domain.Tariffs;
using NodaTime;

namespace GridMeter.Domain.Tests.Billing;

/// <summary>Rules every bill keeps, whatever the tariff and the use.</summary>
public sealed class PricingPropertyTests
{
    private static readonly LocalDate Start = new(2026, 3, 1);

    private static FsCheck.Gen<Tariff> Tariffs =>
        from kind in Gen.Choose(0, 3)
        from vat in Gen.Elements(0m, 5m, 10m, 22m)
        from standing in Gen.Elements(0m, 0.1917m, 0.333m)
        from p1 in Gen.Choose(1, 99_999)
        from p2 in Gen.Choose(1, 99_999)
        from cut in Gen.Choose(1, 23)
        from export in Gen.Elements<decimal?>(null, 0.0712m)
        select Make(kind, vat, standing, p1 / 100_000m, p2 / 100_000m, cut, export);

    private static Tariff Make(int kind, decimal vat, decimal standing, decimal p1, decimal p2, int cut, decimal? export)
    {
        var tariff = Tariff.Flat("EUR", Start, p1, standing, vat) with { ExportPrice = export };
        return kind switch
        {
            1 => tariff with { Energy = [new EnergyPeriod("peak", p2, TariffDays.Mon | TariffDays.Sat, new LocalTime(cut, 0), new LocalTime(Math.Min(cut + 5, 23), 45)), tariff.Energy[0]] },
            2 => tariff with { Energy = [], Tiers = [new Tier(cut * 7, p1), new Tier(null, p2)] },
            3 => tariff with { Energy = [], DynamicPrices = [.. Enumerable.Range(0, 24 * 70).Select(h => new PriceStep(Instant.FromUtc(2026, 2, 28, 0, 0) + Duration.FromHours(h), ((h * p2) % 0.4m) - 0.02m))] },
            _ => tariff,
        };
    }

    private static readonly FsCheck.Gen<(Tariff Tariff, int Days, int Split, int Seed)> Cases =
        from tariff in Tariffs
        from days in Gen.Choose(1, 45)
        from split in Gen.Choose(1, 10_000)
        from seed in Gen.Choose(0, 1_000_000)
        select (tariff, days, split, seed);

    private static List<MeteredInterval> Use(Interval span, int seed) =>
        Usage.Quarters(span, t => (((t.Hour * 37) + (t.Minute * 11) + (t.Day * 7) + seed) % 700) + (seed % 3 == 0 ? 3 : 0), t => t.Hour is 12 ? seed % 90 : 0);

    [Fact]
    public void Bill_lines_sum_to_the_total_each_rounded_to_the_cent_with_vat_on_their_sum()
    {
        Properties.ForAll(Cases, c =>
        {
            var span = Usage.Days(Start, Start.PlusDays(c.Days));

            var bill = Pricing.Price(c.Tariff, Usage.Rome, span, Use(span, c.Seed));

            Assert.All(bill.Lines, l => Assert.Equal(l.Amount, Math.Round(l.Amount, 2)));
            var charges = bill.Lines.Where(l => l.Unit != "EUR").Sum(l => l.Amount);
            var vat = bill.Lines.Where(l => l.Unit == "EUR").Sum(l => l.Amount);
            Assert.Equal(Math.Round(charges * c.Tariff.VatPercent / 100m, 2, MidpointRounding.AwayFromZero), vat);
            Assert.Equal(charges + vat, bill.Total);
            Assert.All(bill.Lines.Where(l => !l.Name.Contains("dynamic", StringComparison.Ordinal)), l => Assert.Equal(Math.Round(l.Quantity * l.Price, 2, MidpointRounding.AwayFromZero), l.Amount));
        }, tests: 60);
    }

    [Fact]
    public void Billing_a_period_in_two_parts_equals_billing_it_whole_within_half_a_cent_per_rounded_line()
    {
        Properties.ForAll(Cases, c =>
        {
            var span = Usage.Days(Start, Start.PlusDays(c.Days));
            var quarters = (int)((span.End - span.Start) / Duration.FromMinutes(15));
            var cut = span.Start + Duration.FromMinutes(15 * (1 + (c.Split % (quarters - 1))));
            var usage = Use(span, c.Seed);
            var (first, second) = (new Interval(span.Start, cut), new Interval(cut, span.End));
            var sameMonth = cut.InZone(Usage.Rome).Month == span.Start.InZone(Usage.Rome).Month;
            var priorKwh = sameMonth ? usage.Where(i => i.Start < cut).Sum(i => i.ImportWh) / 1000m
                : usage.Where(i => i.Start < cut && i.Start >= Usage.Rome.AtStartOfDay(cut.InZone(Usage.Rome).Date.With(DateAdjusters.StartOfMonth)).ToInstant()).Sum(i => i.ImportWh) / 1000m;

            var whole = Pricing.Price(c.Tariff, Usage.Rome, span, usage);
            var a = Pricing.Price(c.Tariff, Usage.Rome, first, usage);
            var b = Pricing.Price(c.Tariff, Usage.Rome, second, usage, priorKwh);

            Assert.Equal(whole.ImportKwh, a.ImportKwh + b.ImportKwh);
            var bound = 0.005m * (whole.Lines.Count + a.Lines.Count + b.Lines.Count);
            Assert.True(Math.Abs(whole.Total - (a.Total + b.Total)) <= bound, $"whole {whole.Total}, parts {a.Total} + {b.Total}, bound {bound}");
        }, tests: 60);
    }

    [Theory]
    [InlineData("2026-03-29")] // spring: 02:00–03:00 does not exist
    [InlineData("2026-10-25")] // autumn: 02:00–03:00 happens twice
    [InlineData("2026-03-28")]
    [InlineData("2026-10-26")]
    public void Time_of_use_over_dst_days_charges_the_hours_the_local_clock_really_showed(string day)
    {
        var date = LocalDate.FromDateTime(DateTime.Parse(day, System.Globalization.CultureInfo.InvariantCulture));
        Properties.ForAll(
            from start in Gen.Choose(0, 23)
            from length in Gen.Choose(1, 24)
            select (From: start, Length: length),
            c =>
            {
                var to = (c.From + c.Length) % 24;
                var tariff = Tariff.Flat("EUR", date, 0.1m) is var flat
                    ? flat with { Energy = [new EnergyPeriod("window", 0.5m, TariffDays.All, new LocalTime(c.From, 0), new LocalTime(to, 0)), flat.Energy[0]] }
                    : null!;
                var span = Usage.Days(date, date.PlusDays(1));

                var bill = Pricing.Price(tariff, Usage.Rome, span, Usage.Quarters(span, _ => 1000));

                // The oracle: how many instants each local clock hour of the day maps to (0 in the gap, 2 in the overlap).
                var hours = Enumerable.Range(0, c.Length).Select(h => (c.From + h) % 24).Sum(h => Usage.Rome.MapLocal(date.At(new LocalTime(h, 0))).Count);
                var window = bill.Lines.SingleOrDefault(l => l.Name == "window")?.Quantity ?? 0;
                Assert.Equal(hours * 4, window);
                Assert.Equal((decimal)(span.End - span.Start).TotalHours * 4, bill.ImportKwh);
            }, tests: 40);
    }
}
