using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using GridMeter.Domain.Billing;
using GridMeter.Server.Auth;
using GridMeter.Server.Meters;
using GridMeter.Server.Storage;

namespace GridMeter.Server.Billing;

/// <summary>Bills, notes and bill runs. Stored bills are never changed: a correction is a new note.</summary>
public sealed class BillStore(IDatabase database)
{
    private const string Columns = """
        b.id, b.run_id, b.meter_key, b.supplier_id, b.kind, b.corrects, b.period_from, b.period_to,
        b.currency, b.subtotal, b.vat, b.total, b.import_wh, b.lines, b.created_at
        """;

    public async Task<Bill?> FindVisibleAsync(string id, Caller caller, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<BillRow>(new CommandDefinition(
            $"SELECT {Columns} FROM bills b JOIN meters m ON m.key = b.meter_key WHERE b.id = @id AND {MeterScope.Condition(caller)}",
            new DynamicParameters(MeterScope.Parameters(caller)).With("id", id), cancellationToken: cancellationToken));
        return rows.Select(r => r.ToBill()).SingleOrDefault();
    }

    /// <summary>Bills and notes the caller may see, newest period first; of one meter or one run when given.</summary>
    public async Task<IReadOnlyList<Bill>> ListVisibleAsync(Caller caller, long? meterKey, string? runId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<BillRow>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM bills b JOIN meters m ON m.key = b.meter_key
            WHERE {MeterScope.Condition(caller)} AND (CAST(@meterKey AS BIGINT) IS NULL OR b.meter_key = @meterKey) AND (CAST(@runId AS TEXT) IS NULL OR b.run_id = @runId)
            ORDER BY b.period_from DESC, b.created_at, b.id LIMIT @limit
            """,
            new DynamicParameters(MeterScope.Parameters(caller)).With("meterKey", meterKey).With("runId", runId).With("limit", limit),
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToBill())];
    }

    /// <summary>A meter's bills (not notes) with the notes correcting each, of periods ending after <paramref name="since"/>.</summary>
    public static async Task<List<Bill>> OfMeterAsync(DbConnection connection, long meterKey, long since, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<BillRow>(new CommandDefinition(
            $"SELECT {Columns} FROM bills b WHERE b.meter_key = @meterKey AND b.period_to > @since ORDER BY b.period_from, b.created_at",
            new { meterKey, since }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToBill())];
    }

    /// <summary>The bills and notes of every meter a supplier supplies, of periods ending after <paramref name="since"/>, by meter.</summary>
    public async Task<Dictionary<long, List<Bill>>> OfSupplierAsync(string supplierId, long since, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<BillRow>(new CommandDefinition(
            $"SELECT {Columns} FROM bills b JOIN meters m ON m.key = b.meter_key WHERE m.supplier_id = @supplierId AND b.period_to > @since ORDER BY b.period_from, b.created_at",
            new { supplierId, since }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToBill()).GroupBy(b => b.MeterKey).ToDictionary(g => g.Key, g => g.ToList());
    }

    /// <summary>The end (Unix seconds) of the meter's last billed period, or null before its first bill.</summary>
    public async Task<long?> BilledToAsync(long meterKey, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT MAX(period_to) FROM bills WHERE meter_key = @meterKey AND kind = 'bill'", new { meterKey }, cancellationToken: cancellationToken));
    }

    public static Task InsertAsync(DbConnection connection, DbTransaction transaction, Bill bill, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO bills (id, run_id, meter_key, supplier_id, kind, corrects, period_from, period_to, currency, subtotal, vat, total, import_wh, lines, created_at)
            VALUES (@Id, @RunId, @MeterKey, @SupplierId, @Kind, @Corrects, @PeriodFrom, @PeriodTo, @Currency, @Subtotal, @Vat, @Total, @ImportWh, @Lines, @CreatedAt)
            """,
            new
            {
                bill.Id, bill.RunId, bill.MeterKey, bill.SupplierId, bill.Kind, bill.Corrects, bill.PeriodFrom, bill.PeriodTo, bill.Currency,
                Subtotal = Text(bill.Subtotal), Vat = Text(bill.Vat), Total = Text(bill.Total), bill.ImportWh,
                Lines = JsonSerializer.Serialize(bill.Lines.Select(BillLineResponse.From).ToList(), BillingJson.Default.ListBillLineResponse), bill.CreatedAt,
            },
            transaction, cancellationToken: cancellationToken));

    public static Task InsertRunAsync(DbConnection connection, DbTransaction transaction, BillRun run, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO bill_runs (id, supplier_id, month, bills, notes, created_by, created_at)
            VALUES (@Id, @SupplierId, @Month, @Bills, @Notes, @CreatedBy, @CreatedAt)
            """, run, transaction, cancellationToken: cancellationToken));

    public async Task<BillRun?> FindRunVisibleAsync(string id, Caller caller, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<BillRun>(new CommandDefinition(
            """
            SELECT id, supplier_id AS SupplierId, month, bills, notes, created_by AS CreatedBy, created_at AS CreatedAt
            FROM bill_runs WHERE id = @id AND (@admin OR supplier_id = @org)
            """,
            new { id, admin = caller.IsAdmin, org = caller.Role == Roles.Supplier ? caller.OrganisationId ?? "" : "" }, cancellationToken: cancellationToken));
    }

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record BillRow(
        string Id, string RunId, long MeterKey, string SupplierId, string Kind, string? Corrects, long PeriodFrom, long PeriodTo,
        string Currency, string Subtotal, string Vat, string Total, long ImportWh, string Lines, long CreatedAt)
    {
        public Bill ToBill() => new(
            Id, RunId, MeterKey, SupplierId, Kind, Corrects, PeriodFrom, PeriodTo, Currency,
            decimal.Parse(Subtotal, CultureInfo.InvariantCulture), decimal.Parse(Vat, CultureInfo.InvariantCulture), decimal.Parse(Total, CultureInfo.InvariantCulture),
            ImportWh, [.. JsonSerializer.Deserialize(Lines, BillingJson.Default.ListBillLineResponse)!.Select(l => new BillLine(l.Name, l.Quantity, l.Unit, l.Price, l.Amount))], CreatedAt);
    }
}
