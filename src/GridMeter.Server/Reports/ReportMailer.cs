using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using GridMeter.Server.Alerts;
using Microsoft.Extensions.Options;

namespace GridMeter.Server.Reports;

/// <summary>Sends a report as an HTML e-mail with its figures attached as CSV.</summary>
public sealed class ReportMailer(EmailChannel email, IOptions<EmailOptions> options)
{
    public bool IsConfigured => email.IsConfigured;

    public async Task SendAsync(ReportSummary report, string title, string html, string csv, string to, CancellationToken cancellationToken)
    {
        using var message = new MailMessage(options.Value.From, to)
        {
            Subject = $"GridMeter: {title} ({report.MeterId}, {report.From})",
            Body = html,
            IsBodyHtml = true,
            BodyEncoding = Encoding.UTF8,
        };
        message.Headers.Add("X-GridMeter-Report", report.Id);
        using var attachment = new Attachment(new MemoryStream(Encoding.UTF8.GetBytes(csv)), $"{report.MeterId}-{report.Period}-{report.From}.csv", "text/csv");
        attachment.ContentType.CharSet = "utf-8";
        attachment.TransferEncoding = TransferEncoding.Base64;
        message.Attachments.Add(attachment);
        await email.SendAsync(message, cancellationToken);
    }

    /// <summary>The title of a kept report, read back from its HTML.</summary>
    public static string TitleOf(string html)
    {
        var start = html.IndexOf("<title>", StringComparison.Ordinal) + 7;
        var end = html.IndexOf("</title>", StringComparison.Ordinal);
        return start >= 7 && end > start ? System.Net.WebUtility.HtmlDecode(html[start..end]) : "report";
    }
}
