using GridMeter.Domain.Billing;
using GridMeter.Domain.Consumption;
using GridMeter.Domain.Readings;
using GridMeter.Domain.Tariffs;
using GridMeter.Server.Consumption;
using GridMeter.Server.Meters;
using GridMeter.Server.Storage;
using GridMeter.Server.Tariffs;
using NodaTime;

namespace GridMeter.Server.Billing;

/// <summary>
/// What a meter's validated use over a span costs under the tariffs assigned to it: the span is
/// cut where the assignment changes, each part priced with its own tariff; quarter-hours without
/// a value are not charged. Tiered blocks start from the month's use before the span.
/// </summary>
public sealed class CostCalculator(TariffStore tariffs, ConsumptionQuery consumption, IDatabase database, RegisterCatalog registers, SeriesLoader loader)
{
    private volatile SpanCache? _lastQuarterHours;

    /// <summary>The charges, or null when no tariff of <paramref name="mode"/> (any when null) covers any of the span.</summary>
    public async Task<Charges?> PriceAsync(Meter meter, Instant from, Instant to, PaymentMode? mode, CancellationToken cancellationToken) =>
        await PriceAsync(meter, await tariffs.AssignmentsAsync(meter.Key, cancellationToken), from, to, mode, cancellationToken);

    /// <summary>As <see cref="PriceAsync(Meter, Instant, Instant, PaymentMode?, CancellationToken)"/>, with the meter's assignments already read.</summary>
    public Task<Charges?> PriceAsync(
        Meter meter, IReadOnlyList<TariffAssignment> assignments, Instant from, Instant to, PaymentMode? mode, CancellationToken cancellationToken) =>
        PriceAsync(meter, assignments, from, to, mode, null, cancellationToken);

    /// <summary>As above, taking the import series from <paramref name="preloaded"/> where it holds it (a bill run's block of meters).</summary>
    public async Task<Charges?> PriceAsync(
        Meter meter, IReadOnlyList<TariffAssignment> assignments, Instant from, Instant to, PaymentMode? mode, BillRunSeries? preloaded, CancellationToken cancellationToken)
    {
        var segments = Segments(assignments, meter.TimeZone, from, to, mode);
        if (segments.Count == 0)
        {
            return null;
        }
        var usage = await UsageAsync(meter, segments[0].Span.Start, segments[^1].Span.End, segments.Any(s => s.Tariff.ExportPrice is not null), preloaded, cancellationToken);
        var prior = segments.Any(s => s.Tariff.Tiers.Count > 0) ? await MonthBeforeAsync(meter, segments[0].Span.Start, cancellationToken) : 0;
        return Pricing.Price(segments, meter.TimeZone, usage, prior);
    }

    public Task<IReadOnlyList<TariffAssignment>> AssignmentsAsync(Meter meter, CancellationToken cancellationToken) =>
        tariffs.AssignmentsAsync(meter.Key, cancellationToken);

    /// <summary>The parts of [from, to) each assignment covers, in order; none before the first assignment.</summary>
    public static List<TariffSegment> Segments(IReadOnlyList<TariffAssignment> assignments, DateTimeZone zone, Instant from, Instant to, PaymentMode? mode)
    {
        var segments = new List<TariffSegment>();
        for (var i = 0; i < assignments.Count; i++)
        {
            var start = zone.AtStartOfDay(assignments[i].ValidFrom).ToInstant();
            var end = i + 1 < assignments.Count ? zone.AtStartOfDay(assignments[i + 1].ValidFrom).ToInstant() : Instant.MaxValue;
            var (a, b) = (start > from ? start : from, end < to ? end : to);
            if (a < b && (mode is null || assignments[i].Tariff.PaymentMode == mode))
            {
                segments.Add(new TariffSegment(assignments[i].Tariff, new Interval(a, b)));
            }
        }
        // One bill is in one currency: parts in another currency than the first are left out.
        return segments.Count == 0 ? segments : [.. segments.Where(s => s.Tariff.Currency == segments[0].Tariff.Currency)];
    }

    /// <summary>
    /// Validated quarter-hours of import (and export when asked) over [from, to): the latest version
    /// of each register, as the consumption API gives quarter-hours, read on one connection.
    /// </summary>
    public Task<List<MeteredInterval>> UsageAsync(Meter meter, Instant from, Instant to, bool withExport, CancellationToken cancellationToken) =>
        UsageAsync(meter, from, to, withExport, null, cancellationToken);

    private async Task<List<MeteredInterval>> UsageAsync(
        Meter meter, Instant from, Instant to, bool withExport, BillRunSeries? preloaded, CancellationToken cancellationToken)
    {
        var series = MeteredSeries.Of(meter);
        var quarterHours = QuarterHours(meter.TimeZone, from, to);
        var importKey = await registers.FindAsync(ObisCode.ActiveImport, cancellationToken);
        var import = importKey is { } key ? preloaded?.TryLatest(series, key, from.ToUnixTimeSeconds(), to.ToUnixTimeSeconds()) : null;
        RegisterSeries? export = null;
        if ((importKey is not null && import is null) || withExport)
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            import ??= importKey is { } k
                ? await loader.LoadAsync(connection, series, k, from, to, SeriesVersion.Latest, cancellationToken)
                : null;
            export = withExport && await registers.FindAsync(ObisCode.ActiveExport, cancellationToken) is { } exportKey
                ? await loader.LoadAsync(connection, series, exportKey, from, to, SeriesVersion.Latest, cancellationToken)
                : null;
        }
        var (importWh, exportWh) = (import?.ConsumptionWh(quarterHours), export?.ConsumptionWh(quarterHours));
        var usage = new List<MeteredInterval>(quarterHours.Length);
        for (var q = 0; q < quarterHours.Length; q++)
        {
            usage.Add(new MeteredInterval(quarterHours[q].Start, quarterHours[q].End, importWh?[q] ?? 0, exportWh?[q] ?? 0));
        }
        return usage;
    }

    /// <summary>The local quarter-hours of [from, to); the last span asked for is kept, as a bill run asks for the same month meter after meter.</summary>
    private Interval[] QuarterHours(DateTimeZone zone, Instant from, Instant to)
    {
        if (_lastQuarterHours is { } last && last.Zone == zone && last.From == from && last.To == to)
        {
            return last.Spans;
        }
        var spans = Buckets.Between(from, to, zone, BucketSize.QuarterHour).Select(b => b.Interval).ToArray();
        _lastQuarterHours = new SpanCache(zone, from, to, spans);
        return spans;
    }

    private sealed record SpanCache(DateTimeZone Zone, Instant From, Instant To, Interval[] Spans);

    /// <summary>kWh imported in the local month of <paramref name="at"/> before it.</summary>
    public async Task<decimal> MonthBeforeAsync(Meter meter, Instant at, CancellationToken cancellationToken)
    {
        var monthStart = meter.TimeZone.AtStartOfDay(at.InZone(meter.TimeZone).Date.With(DateAdjusters.StartOfMonth)).ToInstant();
        if (monthStart >= at)
        {
            return 0;
        }
        var month = await consumption.SummariesAsync(MeteredSeries.Of(meter), ObisCode.ActiveImport, monthStart, at, BucketSize.Month, SeriesVersion.Latest, cancellationToken);
        return month.Sum(b => b.Wh ?? 0) / 1000m;
    }
}
