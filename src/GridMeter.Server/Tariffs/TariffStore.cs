using Dapper;
using GridMeter.Server.Auth;
using GridMeter.Server.Meters;
using GridMeter.Server.Storage;
using NodaTime;

namespace GridMeter.Server.Tariffs;

/// <summary>
/// Tariffs and their assignment to meters. A supplier's staff see its own tariffs, consumers those
/// of the suppliers of their meters. Tariffs are never deleted: assignments and requests name them.
/// </summary>
public sealed class TariffStore(IDatabase database)
{
    private const string Columns = "t.id, t.supplier_id AS SupplierId, t.name, t.document, t.created_at AS CreatedAt, t.updated_at AS UpdatedAt";

    public static string VisibleCondition(Caller caller) => caller.Role switch
    {
        Roles.Admin => "1 = 1",
        Roles.Supplier => "t.supplier_id = @ScopeOrganisation",
        Roles.Consumer => $"EXISTS (SELECT 1 FROM meters m WHERE m.supplier_id = t.supplier_id AND {MeterScope.Condition(caller)})",
        _ => "1 = 0",
    };

    public async Task<StoredTariff?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<StoredTariff>(new CommandDefinition(
            $"SELECT {Columns} FROM tariffs t WHERE t.id = @id", new { id }, cancellationToken: cancellationToken));
    }

    public async Task<StoredTariff?> FindVisibleAsync(string id, Caller caller, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<StoredTariff>(new CommandDefinition(
            $"SELECT {Columns} FROM tariffs t WHERE t.id = @id AND {VisibleCondition(caller)}",
            new DynamicParameters(MeterScope.Parameters(caller)).With("id", id), cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<StoredTariff>> ListVisibleAsync(Caller caller, string? supplierId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<StoredTariff>(new CommandDefinition(
            $"SELECT {Columns} FROM tariffs t WHERE {VisibleCondition(caller)} AND (CAST(@supplierId AS TEXT) IS NULL OR t.supplier_id = @supplierId) ORDER BY t.id LIMIT 1000",
            new DynamicParameters(MeterScope.Parameters(caller)).With("supplierId", supplierId), cancellationToken: cancellationToken));
        return [.. rows];
    }

    public async Task<bool> CreateAsync(StoredTariff tariff, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO tariffs (id, supplier_id, name, document, created_at, updated_at)
            VALUES (@Id, @SupplierId, @Name, @Document, @CreatedAt, @UpdatedAt) ON CONFLICT (id) DO NOTHING
            """, tariff, cancellationToken: cancellationToken)) == 1;
    }

    public async Task UpdateAsync(string id, string name, string document, long updatedAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE tariffs SET name = @name, document = @document, updated_at = @updatedAt WHERE id = @id",
            new { id, name, document, updatedAt }, cancellationToken: cancellationToken));
    }

    /// <summary>A meter's assignments, oldest first.</summary>
    public async Task<IReadOnlyList<TariffAssignment>> AssignmentsAsync(long meterKey, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string ValidFrom, string? TariffId, string Document, string AssignedBy, long AssignedAt)>(new CommandDefinition(
            "SELECT valid_from, tariff_id, document, assigned_by, assigned_at FROM tariff_assignments WHERE meter_key = @meterKey ORDER BY valid_from",
            new { meterKey }, cancellationToken: cancellationToken));
        return [.. rows.Select(r =>
        {
            TariffDocuments.TryDate(r.ValidFrom, out var from);
            return new TariffAssignment(from, r.TariffId, TariffDocuments.Read(r.Document), r.Document, r.AssignedBy, r.AssignedAt);
        })];
    }

    /// <summary>The assignments of every meter a supplier supplies, oldest first per meter; each distinct document parsed once.</summary>
    public async Task<Dictionary<long, List<TariffAssignment>>> AssignmentsOfSupplierAsync(string supplierId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long MeterKey, string ValidFrom, string? TariffId, string Document, string AssignedBy, long AssignedAt)>(new CommandDefinition(
            """
            SELECT a.meter_key, a.valid_from, a.tariff_id, a.document, a.assigned_by, a.assigned_at
            FROM tariff_assignments a JOIN meters m ON m.key = a.meter_key WHERE m.supplier_id = @supplierId ORDER BY a.meter_key, a.valid_from
            """,
            new { supplierId }, cancellationToken: cancellationToken));
        var parsed = new Dictionary<string, Domain.Tariffs.Tariff>(StringComparer.Ordinal);
        var result = new Dictionary<long, List<TariffAssignment>>();
        foreach (var r in rows)
        {
            if (!parsed.TryGetValue(r.Document, out var tariff))
            {
                parsed[r.Document] = tariff = TariffDocuments.Read(r.Document);
            }
            TariffDocuments.TryDate(r.ValidFrom, out var from);
            if (!result.TryGetValue(r.MeterKey, out var list))
            {
                result[r.MeterKey] = list = [];
            }
            list.Add(new TariffAssignment(from, r.TariffId, tariff, r.Document, r.AssignedBy, r.AssignedAt));
        }
        return result;
    }

    /// <summary>Assigns from <paramref name="validFrom"/>, replacing an assignment from the same date; later ones stay.</summary>
    public async Task AssignAsync(long meterKey, LocalDate validFrom, string? tariffId, string document, string paymentMode, string actor, long now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO tariff_assignments (meter_key, valid_from, tariff_id, document, payment_mode, assigned_by, assigned_at)
            VALUES (@meterKey, @validFrom, @tariffId, @document, @paymentMode, @actor, @now)
            ON CONFLICT (meter_key, valid_from) DO UPDATE SET tariff_id = excluded.tariff_id, document = excluded.document,
                payment_mode = excluded.payment_mode, assigned_by = excluded.assigned_by, assigned_at = excluded.assigned_at
            """,
            new { meterKey, validFrom = TariffDocuments.Format(validFrom), tariffId, document, paymentMode, actor, now }, cancellationToken: cancellationToken));
    }
}
