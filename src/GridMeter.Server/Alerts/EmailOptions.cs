using System.ComponentModel.DataAnnotations;

namespace GridMeter.Server.Alerts;

/// <summary>GridMeter:Email — the SMTP server alerts and reports are sent through (CONTRACT section 1). No host: no e-mail.</summary>
public sealed class EmailOptions
{
    public const string Section = "GridMeter:Email";

    public string? SmtpHost { get; set; }

    [Range(1, 65_535)]
    public int SmtpPort { get; set; } = 25;

    [Required]
    [EmailAddress]
    public string From { get; set; } = "gridmeter@localhost";

    /// <summary>STARTTLS towards the SMTP server.</summary>
    public bool EnableSsl { get; set; }

    public string? UserName { get; set; }

    public string? Password { get; set; }

    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;
}
