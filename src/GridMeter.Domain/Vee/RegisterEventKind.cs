namespace GridMeter.Domain.Vee;

/// <summary>Why a register jumps without energy flowing.</summary>
public enum RegisterEventKind
{
    /// <summary>The register passed its largest value and started again from zero (found by validation).</summary>
    Rollover,

    /// <summary>The meter was replaced: the old one's last value and the new one's first.</summary>
    Exchange,

    /// <summary>The register was set back (usually to zero) on the same meter.</summary>
    Reset,
}
