using System.Diagnostics;
using Dapper;
using GridMeter.Bench.MeterData;
using GridMeter.Domain.Readings;
using GridMeter.Server.Billing;
using GridMeter.Server.Consumption;
using GridMeter.Server.Storage;
using GridMeter.Server.Tariffs;
using GridMeter.Server.Vee;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;

namespace GridMeter.Bench.Billing;

/// <summary>
/// A bill run over a supplier's accounts, each with a month of quarter-hour readings (November
/// 2025 in Rome) on a time-of-use tariff: validated series, quarter-hours priced in local time,
/// bills with lines and VAT stored. Compared with a bare SQL scan of the same reading rows in the
/// same SQLite file: the least any bill run can cost.
/// </summary>
public sealed class BillingBenchmark : IBenchmark
{
    private const string Tariff = """
        {"currency":"EUR","validFrom":"2025-10-01","standingChargePerDay":0.20,"vatPercent":10,
         "energy":[{"name":"peak","price":0.30,"days":["Mon","Tue","Wed","Thu","Fri"],"from":"08:00","to":"20:00"},{"name":"offpeak","price":0.15}],
         "holidays":["2025-11-01","2025-12-08"]}
        """;

    public string Name => "billing";

    public string Description => "a month of quarter-hours billed for every account on a TOU tariff vs a bare SQL scan of the same readings (SQLite)";

    public async Task<BenchmarkResult> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var (accounts, days) = context.Quick ? (1_000, 30) : (10_000, 30);
        // As the server's storage setup does: snake_case columns onto PascalCase members.
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        var database = new SqliteDatabase(Path.Combine(context.WorkDir, "billing.db"), 256);
        await using var _ = database;
        await new Migrator(database, TimeProvider.System, NullLogger<Migrator>.Instance).MigrateAsync(cancellationToken);
        var rows = await LoadAsync(database, accounts, days, context, cancellationToken);

        var clock = new FixedClock(new DateTimeOffset(2025, 12, 2, 9, 0, 0, TimeSpan.Zero));
        var registers = new RegisterCatalog(database);
        var loader = new SeriesLoader(new VeeStore());
        var costs = new CostCalculator(new TariffStore(database), new ConsumptionQuery(database, registers, loader, new RollupStore()), database, registers, loader);
        var runner = new BillRunner(database, costs, new TariffStore(database), new BillStore(database), registers, clock);

        var watch = Stopwatch.StartNew();
        var scanned = await ScanAsync(database, cancellationToken);
        var scan = watch.Elapsed.TotalSeconds;
        context.Progress($"bare scan: {scanned:N0} rows in {scan:F2} s, {rows / scan:N0} rows/s");

        watch.Restart();
        var (run, skipped) = await runner.RunAsync("acme", new YearMonth(2025, 11), "bench", cancellationToken);
        var billing = watch.Elapsed.TotalSeconds;
        context.Progress($"bill run: {run.Bills:N0} bills ({skipped} skipped) in {billing:F2} s, {rows / billing:N0} rows/s, {run.Bills / billing:N0} bills/s");

        // The scan again after the run, so a machine busier in one moment weighs on both; the faster scan counts.
        watch.Restart();
        await ScanAsync(database, cancellationToken);
        scan = Math.Min(scan, watch.Elapsed.TotalSeconds);

        if (run.Bills != accounts || scanned != rows)
        {
            throw new InvalidOperationException($"billed {run.Bills} of {accounts} accounts; scanned {scanned} of {rows} rows");
        }
        var totals = await TotalsAsync(database, cancellationToken);
        context.Progress($"billed total {totals:N2} EUR");
        return new BenchmarkResult()
            .Add("ratio", rows / billing / (rows / scan))
            .Add("bill_rows_per_s", rows / billing)
            .Add("scan_rows_per_s", rows / scan)
            .Add("bills_per_s", run.Bills / billing)
            .Add("accounts", accounts)
            .Add("rows", rows);
    }

    private static async Task<long> LoadAsync(SqliteDatabase database, int accounts, int days, BenchmarkContext context, CancellationToken cancellationToken)
    {
        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await connection.ExecuteAsync("INSERT INTO organisations (id, name, kind, created_at) VALUES ('acme', 'ACME Energy', 'supplier', 0)", transaction: transaction);
            await connection.ExecuteAsync(
                """
                INSERT INTO meters (key, id, time_zone, phases, secret_hash, supplier_id, created_at) VALUES (@key, @id, 'Europe/Rome', 1, X'00', 'acme', 0);
                INSERT INTO tariff_assignments (meter_key, valid_from, tariff_id, document, payment_mode, assigned_by, assigned_at)
                VALUES (@key, '2025-10-01', NULL, @Tariff, 'credit', 'bench', 0);
                """,
                Enumerable.Range(1, accounts).Select(k => new { key = k, id = $"MTR-{k:D6}", Tariff }), transaction);
            await transaction.CommitAsync(cancellationToken);
        }
        var register = await new RegisterCatalog(database).KeyOfAsync(ObisCode.ActiveImport, cancellationToken);
        long rows = 0;
        var batch = new List<StoredReading>(50_000);
        for (var m = 1; m <= accounts; m++)
        {
            foreach (var reading in HouseholdSeries.Readings(m, register, days, m))
            {
                batch.Add(reading);
                if (batch.Count == batch.Capacity)
                {
                    rows += await FlushAsync(database, batch, cancellationToken);
                }
            }
        }
        rows += await FlushAsync(database, batch, cancellationToken);
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            await connection.ExecuteAsync("DELETE FROM mdm_dirty");
        }
        context.Progress($"{rows:N0} readings of {accounts:N0} accounts over {days} days stored");
        return rows;
    }

    private static async Task<long> FlushAsync(SqliteDatabase database, List<StoredReading> batch, CancellationToken cancellationToken)
    {
        var outcome = await database.AppendReadingsAsync([batch.ToArray()], 0, cancellationToken);
        batch.Clear();
        return outcome[0].Inserted;
    }

    /// <summary>Every reading row read once, in key order, summing the values so nothing is optimised away.</summary>
    private static async Task<long> ScanAsync(SqliteDatabase database, CancellationToken cancellationToken)
    {
        await using var connection = (SqliteConnection)await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT meter, ts, value FROM readings";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var (count, sum) = (0L, 0L);
        while (reader.Read())
        {
            sum += reader.GetInt64(0) + reader.GetInt64(1) + reader.GetInt64(2);
            count++;
        }
        return sum == 0 ? 0 : count;
    }

    private static async Task<decimal> TotalsAsync(SqliteDatabase database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var totals = await connection.QueryAsync<string>(new CommandDefinition("SELECT total FROM bills", cancellationToken: cancellationToken));
        return totals.Sum(t => decimal.Parse(t, System.Globalization.CultureInfo.InvariantCulture));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
