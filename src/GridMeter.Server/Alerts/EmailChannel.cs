using System.Net;
using System.Net.Mail;
using GridMeter.Domain.Alerts;
using Microsoft.Extensions.Options;

namespace GridMeter.Server.Alerts;

/// <summary>E-mail over SMTP with System.Net.Mail; also sends reports.</summary>
public sealed class EmailChannel(IOptions<EmailOptions> options) : IAlertChannel
{
    public string Name => AlertChannel.Email;

    public string? AddressOf(OutgoingAlert alert) => options.Value.SmtpHost is null ? null : alert.Email;

    public async Task SendAsync(OutgoingAlert alert, CancellationToken cancellationToken)
    {
        using var message = new MailMessage(options.Value.From, alert.Email!)
        {
            Subject = $"GridMeter alert: {alert.Type.Replace('_', ' ')}{(alert.MeterId is null ? "" : $" ({alert.MeterId})")}",
            Body = $"{alert.Message}\r\n\r\nRaised at {alert.RaisedAt:yyyy-MM-dd HH:mm:ss} UTC.",
        };
        // Lets a mail system or a test tell one alert from another, and spot a repeat.
        message.Headers.Add("X-GridMeter-Alert", alert.AlertId);
        await SendAsync(message, cancellationToken);
    }

    public async Task SendAsync(MailMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var client = new SmtpClient(settings.SmtpHost ?? throw new InvalidOperationException("GridMeter:Email:SmtpHost is not set."), settings.SmtpPort)
        {
            EnableSsl = settings.EnableSsl,
            Timeout = settings.TimeoutSeconds * 1000,
            DeliveryMethod = SmtpDeliveryMethod.Network,
        };
        if (settings.UserName is not null)
        {
            client.Credentials = new NetworkCredential(settings.UserName, settings.Password);
        }
        await client.SendMailAsync(message, cancellationToken);
    }

    public bool IsConfigured => options.Value.SmtpHost is not null;
}
