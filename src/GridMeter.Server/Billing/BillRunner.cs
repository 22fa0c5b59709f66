using Dapper;
using GridMeter.Domain.Billing;
using GridMeter.Domain.Readings;
using GridMeter.Server.Consumption;
using GridMeter.Domain.Tariffs;
using GridMeter.Server.Meters;
using GridMeter.Server.Storage;
using GridMeter.Server.Tariffs;
using NodaTime;

namespace GridMeter.Server.Billing;

/// <summary>
/// A bill run: for every meter a supplier supplies on a credit tariff, a bill of the local
/// calendar month (once; a second run skips billed meters), and for each earlier bill of the past
/// year whose validated data has changed since, a credit or debit note for the difference — a
/// bill once issued is never changed.
/// </summary>
public sealed class BillRunner(IDatabase database, CostCalculator costs, TariffStore tariffs, BillStore bills, RegisterCatalog registers, TimeProvider clock)
{
    public const int CorrectionMonths = 12;

    /// <summary>Meters whose series are read together.</summary>
    private const int BlockSize = 250;

    public async Task<(BillRun Run, int Skipped)> RunAsync(string supplierId, YearMonth month, string actor, CancellationToken cancellationToken)
    {
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var runId = "R-" + Guid.NewGuid().ToString("N")[..16];
        List<Meter> meters;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            var rows = await connection.QueryAsync<MeterRow>(new CommandDefinition(
                $"SELECT {MeterRow.Columns} FROM meters m WHERE m.supplier_id = @supplierId ORDER BY m.id", new { supplierId }, cancellationToken: cancellationToken));
            meters = [.. rows.Select(r => r.ToMeter())];
        }
        // What every meter needs besides its readings, read once for the whole run.
        var firstOfMonth = month.OnDayOfMonth(1).AtMidnight().InUtc().ToInstant();
        var assignments = await tariffs.AssignmentsOfSupplierAsync(supplierId, cancellationToken);
        var billed = await bills.OfSupplierAsync(supplierId, (firstOfMonth - Duration.FromDays((31 * CorrectionMonths) + 1)).ToUnixTimeSeconds(), cancellationToken);
        var issued = new List<Bill>[meters.Count];
        var skipped = 0;
        var importKey = await registers.FindAsync(ObisCode.ActiveImport, cancellationToken);
        // Meters in blocks by key: each block's series read in one query per kind (the next block's
        // while this one is priced), its meters priced side by side; all stored in one transaction.
        var blocks = Enumerable.Range(0, meters.Count).OrderBy(i => meters[i].Key).Chunk(BlockSize).ToList();
        Task<BillRunSeries?> LoadBlockAsync(int[] block)
        {
            var spans = block.Select(i => Month(meters[i], month)).Where(s => s.To <= now).ToList();
            return importKey is not { } register || spans.Count == 0
                ? Task.FromResult<BillRunSeries?>(null)
                : LoadAsync(block, register, spans.Min(s => s.From).ToUnixTimeSeconds(), spans.Max(s => s.To).ToUnixTimeSeconds());
        }
        async Task<BillRunSeries?> LoadAsync(int[] block, int register, long lo, long hi)
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            return await BillRunSeries.LoadAsync(
                connection, supplierId, meters[block[0]].Key, meters[block[^1]].Key, register, lo, hi, cancellationToken);
        }
        var next = blocks.Count > 0 ? LoadBlockAsync(blocks[0]) : null;
        for (var n = 0; n < blocks.Count; n++)
        {
            var block = blocks[n];
            var preloaded = await next!;
            next = n + 1 < blocks.Count ? LoadBlockAsync(blocks[n + 1]) : null;
            await Parallel.ForAsync(0, block.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
                async (j, token) =>
                {
                    var i = block[j];
                    var meter = meters[i];
                    var (from, to) = Month(meter, month);
                    if (to > now)
                    {
                        Interlocked.Increment(ref skipped);
                        issued[i] = [];
                        return;
                    }
                    var own = assignments.GetValueOrDefault(meter.Key) ?? [];
                    var earlier = billed.GetValueOrDefault(meter.Key) ?? [];
                    var list = new List<Bill>();
                    if (!earlier.Exists(b => b.Kind == "bill" && b.PeriodFrom == from.ToUnixTimeSeconds())
                        && await costs.PriceAsync(meter, own, from, to, PaymentMode.Credit, preloaded, token) is { } charges)
                    {
                        list.Add(NewBill(runId, meter, supplierId, "bill", null, from, to, charges, now));
                    }
                    list.AddRange(await CorrectionsAsync(runId, meter, own, supplierId, earlier, now, token));
                    issued[i] = list;
                });
        }
        var all = issued.SelectMany(l => l).ToList();
        var count = all.Count(b => b.Kind == "bill");
        var run = new BillRun(runId, supplierId, month.ToString("yyyy-MM", null), count, all.Count - count, actor, now.ToUnixTimeMilliseconds());
        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await BillStore.InsertRunAsync(connection, transaction, run, cancellationToken);
            foreach (var bill in all)
            {
                await BillStore.InsertAsync(connection, transaction, bill, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        return (run, skipped);
    }

    /// <summary>The meter's local calendar month.</summary>
    private static (Instant From, Instant To) Month(Meter meter, YearMonth month) =>
        (meter.TimeZone.AtStartOfDay(month.OnDayOfMonth(1)).ToInstant(), meter.TimeZone.AtStartOfDay(month.OnDayOfMonth(1).PlusMonths(1)).ToInstant());

    /// <summary>Notes for the bills whose period now costs other than billed (with earlier notes counted).</summary>
    private async Task<List<Bill>> CorrectionsAsync(
        string runId, Meter meter, IReadOnlyList<TariffAssignment> assignments, string supplierId, List<Bill> earlier, Instant now, CancellationToken cancellationToken)
    {
        var notes = new List<Bill>();
        foreach (var bill in earlier.Where(b => b.Kind == "bill"))
        {
            var (from, to) = (Instant.FromUnixTimeSeconds(bill.PeriodFrom), Instant.FromUnixTimeSeconds(bill.PeriodTo));
            if (await costs.PriceAsync(meter, assignments, from, to, PaymentMode.Credit, cancellationToken) is not { } now2)
            {
                continue;
            }
            var billed = earlier.Where(b => b.Id == bill.Id || b.Corrects == bill.Id).SelectMany(b => b.Lines).ToList();
            var difference = Difference(now2.Lines, billed);
            if (difference.Count > 0)
            {
                var charges = new Charges(now2.Currency, difference, now2.ImportKwh - (earlier.Where(b => b.Id == bill.Id || b.Corrects == bill.Id).Sum(b => b.ImportWh) / 1000m), 0);
                notes.Add(NewBill(runId, meter, supplierId, charges.Total < 0 ? "credit" : "debit", bill.Id, from, to, charges, now));
            }
        }
        return notes;
    }

    /// <summary>Line by line (same name, unit and price): what is due now minus what was billed, where it differs.</summary>
    public static List<BillLine> Difference(IReadOnlyList<BillLine> due, IReadOnlyList<BillLine> billed)
    {
        var sums = new Dictionary<(string, string, decimal), (decimal Quantity, decimal Amount)>();
        foreach (var (line, sign) in due.Select(l => (l, 1m)).Concat(billed.Select(l => (l, -1m))))
        {
            var key = (line.Name, line.Unit, line.Price);
            var sum = sums.GetValueOrDefault(key);
            sums[key] = (sum.Quantity + (sign * line.Quantity), sum.Amount + (sign * line.Amount));
        }
        return [.. sums.Where(s => s.Value.Amount != 0).Select(s => new BillLine(s.Key.Item1, s.Value.Quantity, s.Key.Item2, s.Key.Item3, s.Value.Amount))];
    }

    private static Bill NewBill(string runId, Meter meter, string supplierId, string kind, string? corrects, Instant from, Instant to, Charges charges, Instant now) =>
        new(
            (kind == "bill" ? "B-" : "N-") + Guid.NewGuid().ToString("N")[..16], runId, meter.Key, supplierId, kind, corrects,
            from.ToUnixTimeSeconds(), to.ToUnixTimeSeconds(), charges.Currency.Code, charges.Subtotal, charges.Vat, charges.Total,
            (long)(charges.ImportKwh * 1000), charges.Lines, now.ToUnixTimeMilliseconds());
}
