namespace GridMeter.Gateway.Serial;

public enum LineParity
{
    None,
    Even,
    Odd,
}
