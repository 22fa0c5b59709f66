using System.ComponentModel.DataAnnotations;

namespace GridMeter.Server.Auth;

/// <summary>GridMeter:Auth — bearer tokens.</summary>
public sealed class AuthOptions
{
    public const string Section = "GridMeter:Auth";

    /// <summary>How long a bearer token from POST /api/v1/auth/token is valid.</summary>
    [Range(60, 7 * 24 * 3600)]
    public int TokenLifetimeSeconds { get; set; } = 3600;
}
