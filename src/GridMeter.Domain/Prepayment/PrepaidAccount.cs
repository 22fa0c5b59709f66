namespace GridMeter.Domain.Prepayment;

/// <summary>
/// A prepaid meter's money: the balance (negative once emergency credit is in use), how much
/// emergency credit it may use, the threshold under which the consumer is warned, old debt to
/// recover from top-ups, and the supply as last asked for.
/// </summary>
public sealed record PrepaidAccount(
    decimal Balance, decimal EmergencyCredit, decimal LowBalanceThreshold, decimal Debt, SupplyState Supply, bool LowBalance, bool Exhausted)
{
    /// <summary>Emergency credit still available: all of it while the balance is positive.</summary>
    public decimal EmergencyCreditLeft => Balance >= 0 ? EmergencyCredit : Math.Max(0, EmergencyCredit + Balance);
}
