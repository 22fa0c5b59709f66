using System.ComponentModel.DataAnnotations;

namespace GridMeter.Server.Outages;

/// <summary>GridMeter:Outages — how meters going dark are told apart: one premises, or part of the network.</summary>
public sealed class OutagesOptions
{
    public const string Section = "GridMeter:Outages";

    /// <summary>Meters of one feeder down within <see cref="CorrelationMinutes"/> of each other that make a network outage.</summary>
    [Range(2, 100_000)]
    public int NetworkThreshold { get; set; } = 3;

    /// <summary>How close together meters must go down to be one outage.</summary>
    [Range(1, 1440)]
    public int CorrelationMinutes { get; set; } = 5;

    /// <summary>A meter silent for this many of its reading periods is counted as without supply.</summary>
    [Range(2, 1000)]
    public int MissedReports { get; set; } = 3;

    /// <summary>How often silent meters are looked for.</summary>
    [Range(1, 3600)]
    public int JobSeconds { get; set; } = 60;
}
