namespace GridMeter.Domain.Prepayment;

/// <summary>
/// What to do about a prepaid account now: the flags to store, and whether to ask for the supply
/// to be cut or restored. <see cref="WaitingForUnfriendlyHours"/> is true when credit is exhausted
/// but the time is protected.
/// </summary>
public sealed record PrepaymentDecision(bool LowBalance, bool Exhausted, SupplyAction Action, bool WaitingForUnfriendlyHours);

public enum SupplyAction
{
    None,
    Disconnect,
    Reconnect,
}
