namespace GridMeter.Domain.Consumption;

/// <summary>
/// How far an interval value can be trusted, from best to worst; an aggregate carries the worst
/// quality of what it sums.
/// </summary>
public enum Quality
{
    /// <summary>Measured: both ends are meter readings no more than one reading period apart.</summary>
    Actual = 0,

    /// <summary>Corrected by a person, with a reason.</summary>
    Edited = 1,

    /// <summary>Filled in across a gap; the total across the gap is still exact.</summary>
    Estimated = 2,

    /// <summary>Measured, but failed a validation rule.</summary>
    Suspect = 3,

    /// <summary>Not known yet: after the last reading or before the first.</summary>
    Missing = 4,
}
