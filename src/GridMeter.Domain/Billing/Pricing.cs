using GridMeter.Domain.Tariffs;
using NodaTime;

namespace GridMeter.Domain.Billing;

/// <summary>
/// Prices validated use under the tariffs in force (CONTRACT section 4). Each line's amount is
/// rounded to the currency's decimals half away from zero; VAT is charged on the sum of the
/// rounded lines of each rate and is itself a line. Quarter-hours are classified by the local time
/// they start at, so a DST day has exactly its 92 or 100 quarter-hours. Tiered blocks count the
/// energy of each local calendar month: <c>priorMonthKwh</c> is what the first month used before
/// the span, so a month billed in two parts climbs the same blocks as billed whole. The standing
/// charge is per local day, pro rata for part of one. The demand charge is on the highest
/// quarter-hour demand within the span.
/// </summary>
public static class Pricing
{
    public static Charges Price(Tariff tariff, DateTimeZone zone, Interval span, IReadOnlyList<MeteredInterval> usage, decimal priorMonthKwh = 0) =>
        Price([new TariffSegment(tariff, span)], zone, usage, priorMonthKwh);

    /// <param name="segments">Consecutive spans, each under one tariff, all in one currency.</param>
    /// <param name="usage">Intervals in time order; those outside every segment are ignored.</param>
    public static Charges Price(IReadOnlyList<TariffSegment> segments, DateTimeZone zone, IReadOnlyList<MeteredInterval> usage, decimal priorMonthKwh = 0)
    {
        if (segments.Count == 0)
        {
            throw new ArgumentException("at least one tariff segment", nameof(segments));
        }
        var currency = segments[0].Tariff.Currency;
        var lines = new List<BillLine>();
        var vatBases = new SortedDictionary<decimal, decimal>();
        var month = new MonthCounter(zone, segments[0].Span.Start, priorMonthKwh);
        decimal importKwh = 0, exportKwh = 0;
        foreach (var segment in segments)
        {
            if (segment.Tariff.Currency != currency)
            {
                throw new ArgumentException("all segments in one currency", nameof(segments));
            }
            var within = Within(usage, segment.Span);
            var segmentLines = SegmentLines(segment, zone, within, month, segments.Count > 1);
            lines.AddRange(segmentLines);
            vatBases[segment.Tariff.VatPercent] = vatBases.GetValueOrDefault(segment.Tariff.VatPercent) + segmentLines.Sum(l => l.Amount);
            var (importWh, exportWh) = Totals(within);
            importKwh += importWh / 1000m;
            exportKwh += exportWh / 1000m;
        }
        foreach (var (percent, basis) in vatBases)
        {
            if (percent != 0)
            {
                lines.Add(new BillLine($"VAT {percent:0.##}%", basis, currency.Code, percent / 100m, currency.Round(basis * percent / 100m)));
            }
        }
        return new Charges(currency, lines, importKwh, exportKwh);
    }

    private static List<BillLine> SegmentLines(TariffSegment segment, DateTimeZone zone, IReadOnlyList<MeteredInterval> usage, MonthCounter month, bool labelled)
    {
        var tariff = segment.Tariff;
        var currency = tariff.Currency;
        var lines = new List<BillLine>();
        if (tariff.Tiers.Count > 0)
        {
            lines.AddRange(TierLines(tariff, zone, usage, month));
        }
        else if (tariff.DynamicPrices.Count > 0)
        {
            lines.AddRange(DynamicLines(tariff, usage));
        }
        else
        {
            lines.AddRange(PeriodLines(tariff, zone, usage));
            month.Skip(zone, usage);
        }
        var days = Days(segment.Span, zone);
        if (tariff.StandingChargePerDay != 0 && days != 0)
        {
            lines.Add(Line("standing charge", days, "day", tariff.StandingChargePerDay, currency));
        }
        if (tariff.ExportPrice is { } exportPrice && Totals(usage).ExportWh is var exportWh && exportWh != 0)
        {
            lines.Add(Line("export", exportWh / 1000m, "kWh", -exportPrice, currency));
        }
        if (tariff.DemandChargePerKw is { } demandPrice && usage.Count > 0)
        {
            var peakKw = usage.Max(i => i.ImportWh * 3.6m / (decimal)(i.End - i.Start).TotalSeconds);
            lines.Add(Line("peak demand", peakKw, "kW", demandPrice, currency));
        }
        var label = labelled ? $" (from {segment.Span.Start.InZone(zone).Date:yyyy-MM-dd})" : "";
        return [.. lines.Where(l => l.Quantity != 0).Select(l => l with { Name = l.Name + label })];
    }

    private static BillLine Line(string name, decimal quantity, string unit, decimal price, Currency currency) =>
        new(name, quantity, unit, price, currency.Round(quantity * price));

    private static IEnumerable<BillLine> PeriodLines(Tariff tariff, DateTimeZone zone, IReadOnlyList<MeteredInterval> usage)
    {
        var wh = new long[tariff.Energy.Count];
        foreach (var interval in usage)
        {
            var period = tariff.PeriodAt(interval.Start.InZone(zone).LocalDateTime)!;
            wh[IndexOf(tariff.Energy, period)] += interval.ImportWh;
        }
        for (var p = 0; p < wh.Length; p++)
        {
            yield return Line(tariff.Energy[p].Name, wh[p] / 1000m, "kWh", tariff.Energy[p].Price, tariff.Currency);
        }
    }

    private static int IndexOf(IReadOnlyList<EnergyPeriod> periods, EnergyPeriod period)
    {
        for (var i = 0; i < periods.Count; i++)
        {
            if (ReferenceEquals(periods[i], period))
            {
                return i;
            }
        }
        return -1;
    }

    private static IEnumerable<BillLine> TierLines(Tariff tariff, DateTimeZone zone, IReadOnlyList<MeteredInterval> usage, MonthCounter month)
    {
        var kwh = new decimal[tariff.Tiers.Count];
        foreach (var interval in usage)
        {
            var used = month.Before(zone, interval.Start);
            var remaining = interval.ImportWh / 1000m;
            month.Add(remaining);
            for (var t = 0; t < tariff.Tiers.Count && remaining > 0; t++)
            {
                var room = tariff.Tiers[t].UpToKwh is { } upTo ? Math.Max(0, upTo - used) : remaining;
                var take = Math.Min(room, remaining);
                kwh[t] += take;
                (used, remaining) = (used + take, remaining - take);
            }
        }
        for (var t = 0; t < kwh.Length; t++)
        {
            var name = tariff.Tiers[t].UpToKwh is { } upTo ? $"block {t + 1} (up to {upTo:0.###} kWh)" : $"block {t + 1}";
            yield return Line(name, kwh[t], "kWh", tariff.Tiers[t].Price, tariff.Currency);
        }
    }

    private static IEnumerable<BillLine> DynamicLines(Tariff tariff, IReadOnlyList<MeteredInterval> usage)
    {
        decimal kwh = 0, cost = 0;
        var first = tariff.DynamicPrices[0].Price;
        foreach (var interval in usage)
        {
            // Before the first published step the first price applies: a tariff starts with its first step.
            var price = tariff.DynamicPriceAt(interval.Start) ?? first;
            var q = interval.ImportWh / 1000m;
            (kwh, cost) = (kwh + q, cost + (q * price));
        }
        var amount = tariff.Currency.Round(cost);
        // The line's price is the consumption-weighted average; the amount is the exact sum, rounded once.
        yield return new BillLine("energy (dynamic)", kwh, "kWh", kwh == 0 ? 0 : Math.Round(cost / kwh, 6, MidpointRounding.AwayFromZero), amount);
    }

    /// <summary>Local days in <paramref name="span"/>: whole days count 1 whatever their length, part days their share of it.</summary>
    public static decimal Days(Interval span, DateTimeZone zone)
    {
        decimal days = 0;
        var date = span.Start.InZone(zone).Date;
        while (true)
        {
            var dayStart = zone.AtStartOfDay(date).ToInstant();
            var dayEnd = zone.AtStartOfDay(date.PlusDays(1)).ToInstant();
            if (dayStart >= span.End)
            {
                return days;
            }
            var from = dayStart > span.Start ? dayStart : span.Start;
            var to = dayEnd < span.End ? dayEnd : span.End;
            if (to > from)
            {
                days += from == dayStart && to == dayEnd ? 1 : (decimal)(to - from).TotalSeconds / (decimal)(dayEnd - dayStart).TotalSeconds;
            }
            date = date.PlusDays(1);
        }
    }

    /// <summary>The intervals starting in <paramref name="span"/>: all of them, uncopied, when the span holds them all (one tariff for the whole bill).</summary>
    private static IReadOnlyList<MeteredInterval> Within(IReadOnlyList<MeteredInterval> usage, Interval span) =>
        usage.Count == 0 || (usage[0].Start >= span.Start && usage[^1].Start < span.End)
            ? usage
            : [.. usage.Where(i => i.Start >= span.Start && i.Start < span.End)];

    private static (long ImportWh, long ExportWh) Totals(IReadOnlyList<MeteredInterval> usage)
    {
        var (import, export) = (0L, 0L);
        for (var i = 0; i < usage.Count; i++)
        {
            (import, export) = (import + usage[i].ImportWh, export + usage[i].ExportWh);
        }
        return (import, export);
    }

    /// <summary>The kWh of the current local month so far, across segments.</summary>
    private sealed class MonthCounter(DateTimeZone zone, Instant start, decimal prior)
    {
        private Interval _month = MonthOf(zone, start);
        private decimal _kwh = prior;

        // Wh skipped and not yet added to _kwh: one division per month instead of one per interval.
        private long _pendingWh;

        public decimal Before(DateTimeZone z, Instant at)
        {
            if (!_month.Contains(at))
            {
                (_month, _kwh, _pendingWh) = (MonthOf(z, at), 0, 0);
            }
            if (_pendingWh != 0)
            {
                (_kwh, _pendingWh) = (_kwh + (_pendingWh / 1000m), 0);
            }
            return _kwh;
        }

        public void Add(decimal kwh) => _kwh += kwh;

        public void Skip(DateTimeZone z, IReadOnlyList<MeteredInterval> usage)
        {
            foreach (var interval in usage)
            {
                if (!_month.Contains(interval.Start))
                {
                    Before(z, interval.Start);
                }
                _pendingWh += interval.ImportWh;
            }
        }

        private static Interval MonthOf(DateTimeZone zone, Instant at)
        {
            var first = at.InZone(zone).Date.With(DateAdjusters.StartOfMonth);
            return new Interval(zone.AtStartOfDay(first).ToInstant(), zone.AtStartOfDay(first.PlusMonths(1)).ToInstant());
        }
    }
}
