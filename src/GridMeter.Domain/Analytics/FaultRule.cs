namespace GridMeter.Domain.Analytics;

/// <summary>What fault detection found wrong with a meter or appliance over the hours examined.</summary>
public enum FaultRule
{
    /// <summary>Several hours far above the median + k × MAD of the same hour of the week: overpowering, a leak, a heater left on.</summary>
    AbovePattern,

    /// <summary>The same non-zero energy hour after hour where it usually varies: a relay or compressor stuck on, or a frozen reading.</summary>
    Stuck,

    /// <summary>Next to nothing used where the same hours usually use a good deal: stopped, unplugged, or a meter no longer counting.</summary>
    Stopped,
}
