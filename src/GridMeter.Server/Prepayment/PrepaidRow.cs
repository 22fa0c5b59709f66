using GridMeter.Domain.Prepayment;

namespace GridMeter.Server.Prepayment;

/// <summary>A row of prepaid_accounts: money in millionths of the currency unit.</summary>
public sealed record PrepaidRow(
    long MeterKey, string Currency, long BalanceMicros, long EmergencyMicros, long ThresholdMicros, long DebtMicros, long DebitedTo,
    string Supply, long LowBalance, long Exhausted, long UpdatedAt)
{
    public const string Columns =
        "meter_key, currency, balance_micros, emergency_micros, threshold_micros, debt_micros, debited_to, supply, low_balance, exhausted, updated_at";

    public PrepaidAccount ToAccount() => new(
        Money(BalanceMicros), Money(EmergencyMicros), Money(ThresholdMicros), Money(DebtMicros),
        Supply == "disconnected" ? SupplyState.Disconnected : SupplyState.Connected, LowBalance != 0, Exhausted != 0);

    public static decimal Money(long micros) => micros / 1_000_000m;

    public static long Micros(decimal money) => (long)decimal.Round(money * 1_000_000m);
}
