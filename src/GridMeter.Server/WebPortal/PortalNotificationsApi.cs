using GridMeter.Domain.Alerts;
using GridMeter.Server.Alerts;
using GridMeter.Server.Audit;
using GridMeter.Server.Auth;
using GridMeter.Server.Meters;
using GridMeter.Server.Reports;
using GridMeter.Server.WebPortal.Pages;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NodaTime;

namespace GridMeter.Server.WebPortal;

/// <summary>
/// "Notifications and reports": the caller's alert channels and quiet hours, report schedules and
/// kept reports. The forms go through the same rules and stores as /api/v1/me/alert-settings and
/// /api/v1/report-schedules (<see cref="AlertSettingsValidation"/>, <see cref="ScheduleValidation"/>)
/// and answer with a redirect.
/// </summary>
public static class PortalNotificationsApi
{
    public const int ReportLimit = 50;

    public static RouteGroupBuilder MapPortalNotifications(this RouteGroupBuilder portal)
    {
        portal.MapGet("/notifications", NotificationsAsync).RequireAccess(Access.OwnAccount);
        portal.MapPost("/notifications/settings", SaveSettingsAsync).RequireAccess(Access.OwnAccount);
        portal.MapPost("/notifications/schedules", ScheduleAsync).RequireAccess(Access.OwnAccount);
        portal.MapPost("/notifications/schedules/stop", StopAsync).RequireAccess(Access.OwnAccount);
        return portal;
    }

    private static async Task<RazorComponentResult<NotificationsPage>> NotificationsAsync(
        HttpContext http, IAntiforgery antiforgery, Loader loader, CancellationToken cancellationToken, string? done = null) =>
        await loader.PageAsync(http, antiforgery, Notice(done), [], StatusCodes.Status200OK, cancellationToken);

    private static async Task<Results<RedirectHttpResult, RazorComponentResult<NotificationsPage>, ProblemHttpResult>> SaveSettingsAsync(
        HttpContext http, IAntiforgery antiforgery, Loader loader, MeterDirectory meters, AlertSettingsStore store, AuditLog audit, TimeProvider clock,
        IOptions<AlertsOptions> options, CancellationToken cancellationToken)
    {
        if (await PortalForm.ReadAsync(http, cancellationToken) is not { } form)
        {
            return PortalForm.Unreadable;
        }
        var caller = Caller.From(http.User)!;
        var current = await store.GetAsync(caller.UserKey, cancellationToken);
        // Every type and channel is sent explicitly: a box left unticked is a channel turned off.
        var ticked = form.TryGetValue("Channel", out var values) ? values.Select(v => v ?? "").ToHashSet(StringComparer.Ordinal) : [];
        var preferences = AlertType.All.SelectMany(type => AlertChannel.All.Select(channel => new PreferenceDocument(type, channel, ticked.Contains($"{type}:{channel}")))).ToList();
        var from = PortalForm.Text(form, "QuietFrom");
        var to = PortalForm.Text(form, "QuietTo");
        var quiet = from is null && to is null ? null : new QuietHoursDocument(from, to);
        var request = new AlertSettingsRequest(PortalForm.Text(form, "TimeZone"), quiet, current.WebhookUrl, null, preferences, current.Thresholds);
        var errors = new Dictionary<string, string[]>();
        var settings = await AlertSettingsValidation.CheckAsync(request, caller, meters, options.Value.AllowHttpWebhooks, errors, cancellationToken);
        if (settings is null)
        {
            return await loader.PageAsync(http, antiforgery, null, PortalAccountApi.Messages(errors), StatusCodes.Status400BadRequest, cancellationToken);
        }
        await store.SaveAsync(caller.UserKey, settings, clock.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
        await audit.RecordAsync(AuditEntry.By(caller, http, "alert.settings_changed", caller.Actor, AuditDetails.Of(("webhook", settings.WebhookUrl is not null))), cancellationToken);
        return TypedResults.Redirect("/portal/notifications?done=settings");
    }

    private static async Task<Results<RedirectHttpResult, RazorComponentResult<NotificationsPage>, ProblemHttpResult>> ScheduleAsync(
        HttpContext http, IAntiforgery antiforgery, Loader loader, MeterDirectory meters, ScheduleStore store, AuditLog audit, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (await PortalForm.ReadAsync(http, cancellationToken) is not { } form)
        {
            return PortalForm.Unreadable;
        }
        var caller = Caller.From(http.User)!;
        var request = new ScheduleRequest(
            PortalForm.Text(form, "MeterId"), PortalForm.Text(form, "Kind"), PortalForm.Text(form, "Period"),
            PortalForm.Text(form, "Period") == GridMeter.Domain.Reports.ReportPeriod.Week ? PortalForm.Text(form, "Weekday") : null,
            PortalForm.Text(form, "Time"), PortalForm.Text(form, "TimeZone"));
        var errors = new Dictionary<string, string[]>();
        var meter = await ReportsApi.MeterAsync(request.MeterId, caller, meters, errors, cancellationToken);
        ReportsApi.CheckKindAndPeriod(request.Kind, request.Period, errors);
        var schedule = ScheduleValidation.Check(request, meter, errors);
        if (errors.Count > 0)
        {
            return await loader.PageAsync(http, antiforgery, null, PortalAccountApi.Messages(errors), StatusCodes.Status400BadRequest, cancellationToken);
        }
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        await store.CreateAsync(caller.UserKey, meter!.Key, request.Kind!, schedule!, schedule!.NextRunAfter(now), now.ToUnixTimeMilliseconds(), cancellationToken);
        await audit.RecordAsync(AuditEntry.By(caller, http, "report.scheduled", $"meter:{meter.Id}"), cancellationToken);
        return TypedResults.Redirect("/portal/notifications?done=scheduled");
    }

    // The schedule's id travels in the form; someone else's (or a malformed) id is as if it did not exist.
    private static async Task<Results<RedirectHttpResult, NotFound, ProblemHttpResult>> StopAsync(
        HttpContext http, ScheduleStore store, AuditLog audit, CancellationToken cancellationToken)
    {
        if (await PortalForm.ReadAsync(http, cancellationToken) is not { } form)
        {
            return PortalForm.Unreadable;
        }
        var caller = Caller.From(http.User)!;
        var id = PortalForm.Text(form, "ScheduleId");
        if (!ScheduleStore.IsId(id) || !await store.DeleteAsync(id!, caller.UserKey, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        await audit.RecordAsync(AuditEntry.By(caller, http, "report.unscheduled", $"report-schedule:{id}"), cancellationToken);
        return TypedResults.Redirect("/portal/notifications?done=stopped");
    }

    private static string? Notice(string? done) => done switch
    {
        "settings" => "Notification settings saved.",
        "scheduled" => "Report scheduled.",
        "stopped" => "Report schedule stopped.",
        _ => null,
    };

    /// <summary>Everything the page shows, read fresh for each answer.</summary>
    public sealed class Loader(AlertSettingsStore settings, ScheduleStore schedules, ReportStore reports, MeterHealthQuery meters)
    {
        public async Task<RazorComponentResult<NotificationsPage>> PageAsync(
            HttpContext http, IAntiforgery antiforgery, string? notice, IReadOnlyList<string> errors, int status, CancellationToken cancellationToken)
        {
            var caller = Caller.From(http.User)!;
            var (ownMeters, _) = await meters.ListAsync(caller, MeterFilter.Parse(null, null, null), cancellationToken);
            return new RazorComponentResult<NotificationsPage>(new
            {
                View = PortalView.For(http, antiforgery),
                Settings = await settings.GetAsync(caller.UserKey, cancellationToken),
                Schedules = (await schedules.ListAsync(caller.UserKey, cancellationToken)).Select(s => s.ToResponse()).ToList(),
                Reports = await reports.ListAsync(caller.UserKey, ReportLimit, cancellationToken),
                Meters = ownMeters,
                Notice = notice,
                Errors = errors,
            }) { StatusCode = status };
        }
    }
}
