using Dapper;
using GridMeter.Domain.Alerts;
using GridMeter.Domain.Prepayment;
using GridMeter.Domain.Readings;
using GridMeter.Domain.Tariffs;
using GridMeter.Server.Alerts;
using GridMeter.Server.Audit;
using GridMeter.Server.Billing;
using GridMeter.Server.Cluster;
using GridMeter.Server.Commands;
using GridMeter.Server.Meters;
using GridMeter.Server.Storage;
using GridMeter.Server.Tariffs;
using Microsoft.Extensions.Options;
using NodaTime;

namespace GridMeter.Server.Prepayment;

/// <summary>
/// Debits prepaid balances from validated consumption, every quarter-hour as soon as readings
/// cover it, then applies the prepayment rules: low balance and exhaustion are recorded (and
/// audited, for alerts to pick up), the supply is cut only outside friendly hours and restored
/// as soon as the balance is above zero. Runs on the node holding the lease.
/// </summary>
public sealed partial class PrepaymentJob(
    IDatabase database, PrepaidStore accounts, MeterDirectory meters, CostCalculator costs, TariffStore tariffs, RegisterCatalog registers,
    MeterCommands commands, Alerting alerting, AuditLog audit, JobLease lease, TimeProvider clock, IOptions<PrepaymentOptions> options, ILogger<PrepaymentJob> logger)
    : LeasedPeriodicJob(lease, clock)
{
    /// <summary>Prepayment switches supply as GridMeter itself, named "system:billing" in the audit log.</summary>
    private static readonly CommandRequester Billing = CommandRequester.System("billing");

    private static readonly Duration Quarter = Duration.FromMinutes(15);

    public override string LeaseName => "prepayment";

    protected override TimeSpan Period => TimeSpan.FromSeconds(options.Value.PollSeconds);

    protected override void OnRoundFailed(Exception exception) => LogFailed(exception);

    /// <summary>Debits and decides for every prepaid account.</summary>
    protected override async Task RunLeasedAsync(CancellationToken cancellationToken)
    {
        var all = await accounts.AllAsync(cancellationToken);
        foreach (var row in all)
        {
            try
            {
                await DebitAsync(row, cancellationToken);
                await EvaluateAsync(row.MeterKey, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogAccountFailed(e, row.MeterKey);
            }
        }
    }

    private async Task DebitAsync(PrepaidRow row, CancellationToken cancellationToken)
    {
        if (await meters.FindByKeyAsync(row.MeterKey, cancellationToken) is not { } meter || await registers.FindAsync(ObisCode.ActiveImport, cancellationToken) is not { } register)
        {
            return;
        }
        long? lastReading;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            lastReading = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                "SELECT MAX(ts) FROM readings WHERE meter = @meter AND register = @register", new { meter = meter.Key, register }, cancellationToken: cancellationToken));
        }
        var now = Instant.FromDateTimeOffset(Clock.GetUtcNow());
        var covered = lastReading is { } ts && Instant.FromUnixTimeSeconds(ts) < now ? Instant.FromUnixTimeSeconds(ts) : now;
        // Whole quarter-hours only (offsets move in quarter-hours, so UTC quarter-hours are local ones).
        var to = Instant.FromUnixTimeSeconds(covered.ToUnixTimeSeconds() / 900 * 900);
        var from = Instant.FromUnixTimeSeconds(row.DebitedTo);
        if (to <= from)
        {
            return;
        }
        var charges = await costs.PriceAsync(meter, from, to, PaymentMode.Prepaid, cancellationToken);
        await accounts.DebitAsync(meter.Key, row.DebitedTo, to.ToUnixTimeSeconds(), charges?.Total ?? 0, cancellationToken);
    }

    /// <summary>Applies the prepayment rules to one account now: flags, audit, and the supply switch.</summary>
    public async Task EvaluateAsync(long meterKey, CancellationToken cancellationToken)
    {
        if (await accounts.FindAsync(meterKey, cancellationToken) is not { } row || await meters.FindByKeyAsync(meterKey, cancellationToken) is not { } meter)
        {
            return;
        }
        var account = row.ToAccount();
        var now = Instant.FromDateTimeOffset(Clock.GetUtcNow()).InZone(meter.TimeZone);
        var decision = PrepaymentRules.Decide(account, now, Friendly, await HolidaysAsync(meterKey, cancellationToken));
        var next = decision.Action switch
        {
            SupplyAction.Disconnect => SupplyState.Disconnected,
            SupplyAction.Reconnect => SupplyState.Connected,
            _ => account.Supply,
        };
        if (decision.Action == SupplyAction.Disconnect)
        {
            LogIfRefused(await commands.DisconnectAsync(meter.Id, "prepaid credit exhausted", Billing, cancellationToken), meter.Id);
        }
        else if (decision.Action == SupplyAction.Reconnect)
        {
            LogIfRefused(await commands.ReconnectAsync(meter.Id, "prepaid balance above zero", Billing, cancellationToken), meter.Id);
        }
        if (decision.LowBalance != account.LowBalance || decision.Exhausted != account.Exhausted || next != account.Supply)
        {
            await accounts.SetStateAsync(meterKey, next, decision.LowBalance, decision.Exhausted, cancellationToken);
        }
        await AlertAsync(meter.Id, row.Currency, account, decision, next, cancellationToken);
        var balance = $"{{\"balance\":{account.Balance:0.00####},\"waitingForUnfriendlyHours\":{(decision.WaitingForUnfriendlyHours ? "true" : "false")}}}";
        foreach (var action in Changes(account, decision, next))
        {
            await audit.RecordAsync(new AuditEntry(AuditLog.System, action, $"meter:{meter.Id}", balance), cancellationToken);
        }
    }

    /// <summary>Tells the meter's people when the balance runs low, runs out and the supply is cut; each clears once it no longer holds.</summary>
    private async Task AlertAsync(string meterId, string currency, PrepaidAccount before, PrepaymentDecision decision, SupplyState next, CancellationToken cancellationToken)
    {
        await AlertIfAsync(decision.LowBalance, before.LowBalance, AlertCondition.LowBalance(meterId, before.Balance, currency), cancellationToken);
        await AlertIfAsync(decision.Exhausted, before.Exhausted, AlertCondition.BalanceExhausted(meterId), cancellationToken);
        await AlertIfAsync(next == SupplyState.Disconnected, before.Supply == SupplyState.Disconnected,
            AlertCondition.Disconnected(meterId, "prepaid credit exhausted"), cancellationToken);
    }

    private async Task AlertIfAsync(bool holds, bool held, AlertCondition condition, CancellationToken cancellationToken)
    {
        if (holds && !held)
        {
            await alerting.RaiseAsync(condition, cancellationToken);
        }
        else if (!holds && held)
        {
            await alerting.ClearAsync(condition.Key, cancellationToken);
        }
    }

    private static IEnumerable<string> Changes(PrepaidAccount before, PrepaymentDecision decision, SupplyState next)
    {
        if (decision.LowBalance != before.LowBalance)
        {
            yield return decision.LowBalance ? "prepayment.low_balance" : "prepayment.balance_restored";
        }
        if (decision.Exhausted && !before.Exhausted)
        {
            yield return "prepayment.exhausted";
        }
        if (next != before.Supply)
        {
            yield return next == SupplyState.Disconnected ? "prepayment.disconnect_requested" : "prepayment.reconnect_requested";
        }
    }

    private FriendlyHours Friendly => new(
        LocalTime.FromHourMinuteSecondTick(int.Parse(options.Value.FriendlyFrom[..2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(options.Value.FriendlyFrom[3..], System.Globalization.CultureInfo.InvariantCulture), 0, 0),
        LocalTime.FromHourMinuteSecondTick(int.Parse(options.Value.FriendlyUntil[..2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(options.Value.FriendlyUntil[3..], System.Globalization.CultureInfo.InvariantCulture), 0, 0),
        options.Value.FriendlyWeekends, options.Value.FriendlyHolidays);

    /// <summary>The configured public holidays and those of every tariff the meter has been on.</summary>
    private async Task<HashSet<LocalDate>> HolidaysAsync(long meterKey, CancellationToken cancellationToken)
    {
        var days = new HashSet<LocalDate>();
        foreach (var text in options.Value.PublicHolidays)
        {
            if (TariffDocuments.TryDate(text, out var day))
            {
                days.Add(day);
            }
        }
        foreach (var assignment in await tariffs.AssignmentsAsync(meterKey, cancellationToken))
        {
            days.UnionWith(assignment.Tariff.Holidays);
        }
        return days;
    }

    private void LogIfRefused(CommandOutcome outcome, string meterId)
    {
        if (!outcome.IsAccepted)
        {
            LogSwitchRefused(meterId, outcome.Reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The supply switch of prepaid meter {MeterId} was refused: {Reason}")]
    private partial void LogSwitchRefused(string meterId, string? reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The prepayment job failed; it runs again at its next poll")]
    private partial void LogFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Prepaid account of meter key {MeterKey} failed; the others went on")]
    private partial void LogAccountFailed(Exception exception, long meterKey);
}
