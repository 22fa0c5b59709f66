namespace GridMeter.Server.Prepayment;

/// <summary>What a top-up did: credited now, or seen before (credited once, then), or named another meter's payment.</summary>
public enum TopUpOutcome
{
    Credited,
    Duplicate,
    OtherMeter,
}
