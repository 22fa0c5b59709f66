using Dapper;
using GridMeter.Server.Auth;
using GridMeter.Server.Meters;
using GridMeter.Server.Prepayment;
using GridMeter.Server.Storage;

namespace GridMeter.Server.WebPortal;

/// <summary>Prepaid accounts of the meters the caller may see, ordered by meter id, a page at a time (the database pages).</summary>
public sealed class PrepaidAccountQuery(IDatabase database)
{
    public const int PageSize = 50;

    public async Task<(IReadOnlyList<(string MeterId, PrepaidRow Account)> Page, long Total)> ListAsync(Caller caller, int offset, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(MeterScope.Parameters(caller)).With("offset", offset).With("limit", PageSize);
        var where = MeterScope.Condition(caller);
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM prepaid_accounts p JOIN meters m ON m.key = p.meter_key WHERE {where}", parameters, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"""
            SELECT m.id AS meter_id, p.meter_key, p.currency, p.balance_micros, p.emergency_micros, p.threshold_micros, p.debt_micros, p.debited_to,
                   p.supply, p.low_balance, p.exhausted, p.updated_at
            FROM prepaid_accounts p JOIN meters m ON m.key = p.meter_key WHERE {where} ORDER BY m.id LIMIT @limit OFFSET @offset
            """, parameters, cancellationToken: cancellationToken));
        return ([.. rows.Select(r => (r.MeterId, new PrepaidRow(r.MeterKey, r.Currency, r.BalanceMicros, r.EmergencyMicros, r.ThresholdMicros, r.DebtMicros,
            r.DebitedTo, r.Supply, r.LowBalance, r.Exhausted, r.UpdatedAt)))], total);
    }

    private sealed record Row(
        string MeterId, long MeterKey, string Currency, long BalanceMicros, long EmergencyMicros, long ThresholdMicros, long DebtMicros, long DebitedTo,
        string Supply, long LowBalance, long Exhausted, long UpdatedAt);
}
