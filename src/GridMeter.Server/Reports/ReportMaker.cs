using GridMeter.Domain.Reports;
using GridMeter.Server.Meters;
using NodaTime;

namespace GridMeter.Server.Reports;

/// <summary>Builds a report, keeps it for the portal, and e-mails it when the person has an address.</summary>
public sealed partial class ReportMaker(
    ReportBuilder builder, ReportStore store, ReportMailer mailer, Accounts.UserAccounts users, TimeProvider clock, ILogger<ReportMaker> logger)
{
    public async Task<string> MakeAsync(long userKey, Meter meter, string kind, string period, LocalDate from, LocalDate to, CancellationToken cancellationToken)
    {
        var document = await builder.BuildAsync(meter, kind, period, from, to, cancellationToken);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var id = await store.SaveAsync(userKey, meter.Id, kind, period, from, to, document, now, cancellationToken);
        var address = (await users.FindAsync(userKey, cancellationToken))?.Email;
        if (address is not null && mailer.IsConfigured)
        {
            var kept = await store.FindAsync(id, userKey, cancellationToken);
            await TrySendAsync(kept!.Value.Summary, document.Html, document.Csv, address, cancellationToken);
        }
        return id;
    }

    public bool CanMail => mailer.IsConfigured;

    /// <summary>Sends a kept report; a failure is counted and the report job tries again.</summary>
    public async Task<bool> TrySendAsync(ReportSummary report, string html, string csv, string address, CancellationToken cancellationToken)
    {
        var sent = true;
        try
        {
            await mailer.SendAsync(report, ReportMailer.TitleOf(html), html, csv, address, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogSendFailed(report.Id, e.Message);
            sent = false;
        }
        await store.MarkAsync(report.Id, sent, clock.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
        return sent;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "E-mailing report {ReportId} failed; it is kept and tried again: {Error}")]
    private partial void LogSendFailed(string reportId, string error);
}
