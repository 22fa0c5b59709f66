using NodaTime;

namespace GridMeter.Domain.Prepayment;

/// <summary>
/// The prepayment rules. Credit is exhausted when the balance has used all emergency credit; the
/// supply is then cut only outside friendly hours, and restored as soon as the balance is above
/// zero again. A top-up first pays its share towards old debt (never more than the debt).
/// </summary>
public static class PrepaymentRules
{
    public static PrepaymentDecision Decide(PrepaidAccount account, ZonedDateTime now, FriendlyHours friendly, IReadOnlySet<LocalDate> holidays)
    {
        var exhausted = account.Balance <= -account.EmergencyCredit;
        var low = account.Balance < account.LowBalanceThreshold;
        if (account.Supply == SupplyState.Disconnected)
        {
            return new(low, exhausted, account.Balance > 0 ? SupplyAction.Reconnect : SupplyAction.None, false);
        }
        if (!exhausted)
        {
            return new(low, false, SupplyAction.None, false);
        }
        var protectedNow = friendly.Contains(now.LocalDateTime, holidays);
        return new(low, true, protectedNow ? SupplyAction.None : SupplyAction.Disconnect, protectedNow);
    }

    /// <summary>Splits a top-up: <paramref name="recoveryPercent"/> of it towards <paramref name="debt"/> (rounded to the currency), the rest to the balance.</summary>
    public static (decimal ToDebt, decimal ToBalance) SplitTopUp(decimal amount, decimal debt, decimal recoveryPercent, int decimals)
    {
        var share = Math.Round(amount * recoveryPercent / 100m, decimals, MidpointRounding.AwayFromZero);
        var toDebt = Math.Clamp(share, 0, Math.Max(0, debt));
        return (toDebt, amount - toDebt);
    }
}
