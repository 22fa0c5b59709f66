using System.ComponentModel.DataAnnotations;

namespace GridMeter.Server.Security;

/// <summary>GridMeter:Security — response headers and request size.</summary>
public sealed class SecurityOptions
{
    public const string Section = "GridMeter:Security";

    /// <summary>Sent on every response. frame-ancestors 'none' forbids framing (clickjacking).</summary>
    [Required]
    public string ContentSecurityPolicy { get; set; } =
        "default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; object-src 'none'; img-src 'self' data:";

    /// <summary>Strict-Transport-Security max-age on HTTPS responses; 0 sends none.</summary>
    [Range(0, 3650)]
    public int HstsDays { get; set; } = 365;

    /// <summary>Largest request body accepted by any endpoint (device payloads have their own, smaller limit).</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}
