using System.ComponentModel.DataAnnotations;

namespace GridMeter.Server.Auth;

/// <summary>GridMeter:Auth — bearer tokens, portal sessions, lockout.</summary>
public sealed class AuthOptions
{
    public const string Section = "GridMeter:Auth";

    /// <summary>How long a bearer token from POST /api/v1/auth/token is valid.</summary>
    [Range(60, 7 * 24 * 3600)]
    public int TokenLifetimeSeconds { get; set; } = 3600;

    /// <summary>How long a portal session lasts without use (sliding).</summary>
    [Range(5, 30 * 24 * 60)]
    public int SessionMinutes { get; set; } = 8 * 60;

    /// <summary>Wrong passwords in a row that lock an account.</summary>
    [Range(1, 1000)]
    public int MaxFailedLogins { get; set; } = 10;

    /// <summary>How long a locked account refuses every password, the right one included.</summary>
    [Range(1, 7 * 24 * 60)]
    public int LockoutMinutes { get; set; } = 15;
}
