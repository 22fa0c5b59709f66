using System.ComponentModel.DataAnnotations;

namespace GridMeter.Server.Commands;

/// <summary>GridMeter:Commands — commands to meters.</summary>
public sealed class CommandsOptions
{
    public const string Section = "GridMeter:Commands";

    /// <summary>Disconnects one supplier may ask for within an hour before each further one waits for a second supplier user's approval.</summary>
    [Range(0, 100_000)]
    public int DisconnectsPerHour { get; set; } = 10;

    /// <summary>How long a command waits for its meter when the request names no expiresAt.</summary>
    [Range(1, 43_200)]
    public int DefaultExpiryMinutes { get; set; } = 1440;

    /// <summary>How often commands past their expiry are closed and pending ones offered again to meters that came back.</summary>
    [Range(1, 3600)]
    public int JobSeconds { get; set; } = 5;
}
