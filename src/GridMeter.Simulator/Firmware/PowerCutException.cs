namespace GridMeter.Simulator.Firmware;

/// <summary>Thrown by a test's power-cut hook: the meter stops dead at that step; only what it persisted survives.</summary>
public sealed class PowerCutException(string step) : Exception($"power cut at {step}")
{
    public string Step { get; } = step;
}
