using System.Globalization;
using Dapper;
using GridMeter.Domain.Prepayment;
using GridMeter.Server.Storage;
using Microsoft.Extensions.Options;

namespace GridMeter.Server.Prepayment;

/// <summary>
/// Prepaid balances. Every change is one UPDATE relative to the stored value, so the debit job and
/// top-ups never overwrite each other; a payment id is credited once, in the same transaction as
/// its row in topups.
/// </summary>
public sealed class PrepaidStore(IDatabase database, TimeProvider clock, IOptions<PrepaymentOptions> options)
{
    public async Task<PrepaidRow?> FindAsync(long meterKey, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<PrepaidRow>(new CommandDefinition(
            $"SELECT {PrepaidRow.Columns} FROM prepaid_accounts WHERE meter_key = @meterKey", new { meterKey }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<PrepaidRow>> AllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<PrepaidRow>(new CommandDefinition(
            $"SELECT {PrepaidRow.Columns} FROM prepaid_accounts ORDER BY meter_key", cancellationToken: cancellationToken))];
    }

    /// <summary>Opens the account if the meter has none: balance zero, debited from <paramref name="debitFrom"/>.</summary>
    public async Task OpenAsync(long meterKey, string currency, long debitFrom, long now, CancellationToken cancellationToken)
    {
        var defaults = options.Value;
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO prepaid_accounts ({PrepaidRow.Columns})
            VALUES (@meterKey, @currency, 0, @emergency, @threshold, 0, @debitFrom, 'connected', 0, 0, @now)
            ON CONFLICT (meter_key) DO NOTHING
            """,
            new { meterKey, currency, emergency = PrepaidRow.Micros(defaults.EmergencyCredit), threshold = PrepaidRow.Micros(defaults.LowBalanceThreshold), debitFrom, now },
            cancellationToken: cancellationToken));
    }

    public async Task SetTermsAsync(long meterKey, decimal? emergencyCredit, decimal? lowBalanceThreshold, decimal? debt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE prepaid_accounts SET emergency_micros = COALESCE(@emergency, emergency_micros), threshold_micros = COALESCE(@threshold, threshold_micros),
                debt_micros = COALESCE(@debt, debt_micros), updated_at = @now
            WHERE meter_key = @meterKey
            """,
            new
            {
                meterKey, emergency = emergencyCredit is { } e ? PrepaidRow.Micros(e) : (long?)null, threshold = lowBalanceThreshold is { } t ? PrepaidRow.Micros(t) : (long?)null,
                debt = debt is { } d ? PrepaidRow.Micros(d) : (long?)null, now = clock.GetUtcNow().ToUnixTimeMilliseconds(),
            },
            cancellationToken: cancellationToken));
    }

    /// <summary>Debits <paramref name="amount"/> for use up to <paramref name="debitedTo"/>; false when another node moved the account on first.</summary>
    public async Task<bool> DebitAsync(long meterKey, long fromDebitedTo, long debitedTo, decimal amount, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE prepaid_accounts SET balance_micros = balance_micros - @amount, debited_to = @debitedTo, updated_at = @now
            WHERE meter_key = @meterKey AND debited_to = @fromDebitedTo
            """,
            new { meterKey, fromDebitedTo, debitedTo, amount = PrepaidRow.Micros(amount), now = clock.GetUtcNow().ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Credits a payment once: its share towards debt first, the rest to the balance.</summary>
    public async Task<TopUpOutcome> TopUpAsync(
        long meterKey, string paymentId, decimal amount, decimal recoveryPercent, int decimals, string source, string actor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO topups (payment_id, meter_key, amount, to_debt, source, actor, created_at)
            VALUES (@paymentId, @meterKey, @amount, '0', @source, @actor, @now) ON CONFLICT (payment_id) DO NOTHING
            """,
            new { paymentId, meterKey, amount = amount.ToString(CultureInfo.InvariantCulture), source, actor, now }, transaction, cancellationToken: cancellationToken));
        if (inserted == 0)
        {
            var owner = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT meter_key FROM topups WHERE payment_id = @paymentId", new { paymentId }, transaction, cancellationToken: cancellationToken));
            await transaction.RollbackAsync(cancellationToken);
            return owner == meterKey ? TopUpOutcome.Duplicate : TopUpOutcome.OtherMeter;
        }
        var debt = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT debt_micros FROM prepaid_accounts WHERE meter_key = @meterKey", new { meterKey }, transaction, cancellationToken: cancellationToken));
        var (toDebt, toBalance) = PrepaymentRules.SplitTopUp(amount, PrepaidRow.Money(debt), recoveryPercent, decimals);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE topups SET to_debt = @toDebt WHERE payment_id = @paymentId",
            new { paymentId, toDebt = toDebt.ToString(CultureInfo.InvariantCulture) }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE prepaid_accounts SET balance_micros = balance_micros + @toBalance,
                debt_micros = CASE WHEN debt_micros > @toDebt THEN debt_micros - @toDebt ELSE 0 END, updated_at = @now
            WHERE meter_key = @meterKey
            """,
            new { meterKey, toBalance = PrepaidRow.Micros(toBalance), toDebt = PrepaidRow.Micros(toDebt), now }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return TopUpOutcome.Credited;
    }

    public async Task SetStateAsync(long meterKey, SupplyState supply, bool lowBalance, bool exhausted, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE prepaid_accounts SET supply = @supply, low_balance = @low, exhausted = @exhausted, updated_at = @now WHERE meter_key = @meterKey",
            new
            {
                meterKey, supply = supply == SupplyState.Disconnected ? "disconnected" : "connected", low = lowBalance ? 1 : 0, exhausted = exhausted ? 1 : 0,
                now = clock.GetUtcNow().ToUnixTimeMilliseconds(),
            },
            cancellationToken: cancellationToken));
    }
}
