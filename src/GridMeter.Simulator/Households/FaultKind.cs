namespace GridMeter.Simulator.Households;

public enum FaultKind
{
    /// <summary>Runs at rated power without pause (a fridge whose compressor never cycles off).</summary>
    StuckOn,

    /// <summary>Draws nothing any more.</summary>
    Stopped,

    /// <summary>Draws <see cref="ApplianceFault.Factor"/> times its usual power.</summary>
    Overpower,
}
