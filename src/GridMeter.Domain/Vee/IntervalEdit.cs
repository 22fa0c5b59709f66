namespace GridMeter.Domain.Vee;

/// <summary>A person's correction of a register's intervals: version <paramref name="Version"/> of the meter's edits.</summary>
public sealed record IntervalEdit(int Version, CurvePatch Patch);
