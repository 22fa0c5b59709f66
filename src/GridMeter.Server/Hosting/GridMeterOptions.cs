using System.ComponentModel.DataAnnotations;

namespace GridMeter.Server.Hosting;

/// <summary>GridMeter — settings that concern the whole server.</summary>
public sealed class GridMeterOptions
{
    public const string Section = "GridMeter";

    /// <summary>Where the SQLite file, firmware images and archives live.</summary>
    [Required]
    public string DataDir { get; set; } = "./data";

    /// <summary>Set by --demo: seed a small utility and run a simulated fleet in-process.</summary>
    public bool Demo { get; set; }
}
