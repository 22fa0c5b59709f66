namespace GridMeter.Protocols.Iec62056;

/// <summary>
/// One month of the Belgian maximum-demand history 0-0:98.1.0 (Fluvius e-MUCS P1 §4): the month it
/// covers, when the peak of 1-0:1.6.0 happened, and its 15-minute average power in kW. A timestamp the
/// meter filled with an impossible date is null.
/// </summary>
public readonly record struct DsmrDemandPeak(DateTimeOffset? Month, DateTimeOffset? At, decimal Kw);
