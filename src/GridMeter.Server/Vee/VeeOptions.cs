using System.ComponentModel.DataAnnotations;

namespace GridMeter.Server.Vee;

/// <summary>GridMeter:Vee — how the meter-data job runs, and the validation defaults for suppliers without their own.</summary>
public sealed class VeeOptions
{
    public const string Section = "GridMeter:Vee";

    /// <summary>How often the job looks for work besides being woken by each commit (work another node committed, or left by a crash).</summary>
    [Range(1, 3600)]
    public int PollSeconds { get; set; } = 10;

    /// <summary>Dirty days taken per round.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 2000;

    /// <summary>How long one node holds the job's lease before another may take over.</summary>
    [Range(5, 3600)]
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>Weeks of history a profile is learned from, and how often (days) it is relearned.</summary>
    [Range(1, 52)]
    public int ProfileWeeks { get; set; } = 4;

    [Range(1, 365)]
    public int ProfileRefreshDays { get; set; } = 7;

    [Range(0, 10_000)]
    public int FlatLineHours { get; set; } = 48;

    [Range(0, 1000)]
    public decimal SpikeMadFactor { get; set; } = 10m;

    [Range(0, 10_000_000)]
    public long SpikeFloorWh { get; set; } = 1_000;

    [Range(1, 100)]
    public int ProfileMinSamples { get; set; } = 3;

    [Range(0, 3600)]
    public int ClockDriftSeconds { get; set; } = 120;

    [Range(0, 86_400)]
    public int MaxAheadSeconds { get; set; } = 300;
}
