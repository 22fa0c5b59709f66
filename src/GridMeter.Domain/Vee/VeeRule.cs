namespace GridMeter.Domain.Vee;

/// <summary>Why validation marked a span of a register suspect.</summary>
public enum VeeRule
{
    /// <summary>The same instant was sent twice with different values; the first is kept.</summary>
    ConflictingDuplicate,

    /// <summary>The register went backwards and it was no rollover: a meter exchange or reset not yet recorded.</summary>
    RegisterDecreased,

    /// <summary>More energy than the connection can carry: phases × voltage × maximum current × time.</summary>
    AbovePhysicalLimit,

    /// <summary>Far above what the meter uses on the same weekday at the same time (median + k × MAD).</summary>
    OutsideProfile,

    /// <summary>The register did not move for longer than the flat-line limit.</summary>
    FlatLine,

    /// <summary>The reading lies too far from the meter's reading grid: its clock has drifted.</summary>
    ClockDrift,

    /// <summary>The reading is stamped ahead of the server's clock.</summary>
    FutureTimestamp,
}
