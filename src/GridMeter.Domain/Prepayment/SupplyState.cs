namespace GridMeter.Domain.Prepayment;

/// <summary>Whether GridMeter last asked for the supply to be on or off.</summary>
public enum SupplyState
{
    Connected,
    Disconnected,
}
