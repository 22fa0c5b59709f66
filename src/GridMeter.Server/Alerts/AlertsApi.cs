using GridMeter.Domain.Alerts;
using GridMeter.Server.Accounts;
using GridMeter.Server.Audit;
using GridMeter.Server.Auth;
using GridMeter.Server.Meters;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GridMeter.Server.Alerts;

public static class AlertsApi
{
    public static IEndpointRouteBuilder MapAlerts(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/alerts", ListAsync).WithTags("Alerts").RequireAccess(Access.OwnAccount)
            .WithSummary("The caller's alerts, newest first, each with its delivery status per channel; optional limit (1 to 200, default 50)");
        var settings = app.MapGroup("/api/v1/me/alert-settings").WithTags("Alerts");
        settings.MapGet("/", GetSettingsAsync).RequireAccess(Access.OwnAccount)
            .WithSummary("The caller's alert settings: time zone, quiet hours, webhook, channel choices per alert type, daily thresholds");
        settings.MapPut("/", PutSettingsAsync).RequireAccess(Access.OwnAccount)
            .WithSummary("Replace the caller's alert settings");
        var defaults = app.MapGroup("/api/v1/organisations/{id}/alert-defaults").WithTags("Alerts");
        defaults.MapGet("/", GetDefaultsAsync).RequireAccess(Access.Read(Resources.Organisation, Roles.Supplier, Roles.Admin))
            .WithSummary("(the supplier's staff, admin) The supplier's defaults for alert rules, or the configured ones");
        defaults.MapPut("/", PutDefaultsAsync).RequireAccess(Access.Change(Resources.Organisation, Roles.Supplier, Roles.Admin))
            .WithSummary("(the supplier's staff, admin) Set the supplier's defaults for alert rules of its meters");
        return app;
    }

    private static async Task<Results<Ok<AlertList>, ValidationProblem>> ListAsync(int? limit, HttpContext http, AlertStore alerts, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 200)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["1 to 200"] });
        }
        var caller = Caller.From(http.User)!;
        return TypedResults.Ok(new AlertList(await alerts.ListAsync(caller.UserKey, null, limit ?? 50, cancellationToken)));
    }

    private static async Task<Ok<AlertSettingsResponse>> GetSettingsAsync(HttpContext http, AlertSettingsStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.GetAsync(Caller.From(http.User)!.UserKey, cancellationToken));

    private static async Task<Results<Ok<AlertSettingsResponse>, ValidationProblem>> PutSettingsAsync(
        AlertSettingsRequest request, HttpContext http, MeterDirectory meters, AlertSettingsStore store, AuditLog audit, TimeProvider clock,
        IOptions<AlertsOptions> options, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        var errors = new Dictionary<string, string[]>();
        var settings = await AlertSettingsValidation.CheckAsync(request, caller, meters, options.Value.AllowHttpWebhooks, errors, cancellationToken);
        if (settings is null)
        {
            return TypedResults.ValidationProblem(errors);
        }
        await store.SaveAsync(caller.UserKey, settings, clock.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
        await audit.RecordAsync(AuditEntry.By(caller, http, "alert.settings_changed", caller.Actor, AuditDetails.Of(("webhook", settings.WebhookUrl is not null))), cancellationToken);
        return TypedResults.Ok(await store.GetAsync(caller.UserKey, cancellationToken));
    }

    private static async Task<Results<Ok<AlertDefaultsDocument>, NotFound>> GetDefaultsAsync(
        string id, HttpContext http, Organisations organisations, AlertDefaults store, CancellationToken cancellationToken)
    {
        if (!await IsConfigurableAsync(id, Caller.From(http.User)!, organisations, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        var d = await store.ForSupplierAsync(id, cancellationToken);
        return TypedResults.Ok(new AlertDefaultsDocument(d.DailyKwh, d.OfflineMinutes, d.LowBalance, d.ApplianceIdleHours));
    }

    private static async Task<Results<Ok<AlertDefaultsDocument>, NotFound, ValidationProblem>> PutDefaultsAsync(
        string id, AlertDefaultsDocument document, HttpContext http, Organisations organisations, AlertDefaults store, AuditLog audit, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        if (!await IsConfigurableAsync(id, caller, organisations, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        var errors = new Dictionary<string, string[]>();
        if (document.DailyKwh is not null and not (> 0 and <= 1_000_000))
        {
            errors["dailyKwh"] = ["null (none) or above 0 and at most 1000000"];
        }
        if (document.OfflineMinutes is < 1 or > 100_000)
        {
            errors["offlineMinutes"] = ["1 to 100000"];
        }
        if (document.LowBalance is < 0 or > 1_000_000)
        {
            errors["lowBalance"] = ["0 to 1000000"];
        }
        if (document.ApplianceIdleHours is < 1 or > 10_000)
        {
            errors["applianceIdleHours"] = ["1 to 10000"];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var defaults = new AlertRuleDefaults(document.DailyKwh, document.OfflineMinutes, document.LowBalance, document.ApplianceIdleHours);
        await store.SaveAsync(id, defaults, clock.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
        await audit.RecordAsync(AuditEntry.By(caller, http, "alert.defaults_changed", $"organisation:{id}"), cancellationToken);
        return TypedResults.Ok(document);
    }

    /// <summary>Only a supplier has defaults, and only its staff and admins see them; anyone else gets 404 alike.</summary>
    private static async Task<bool> IsConfigurableAsync(string id, Caller caller, Organisations organisations, CancellationToken cancellationToken) =>
        (caller.IsAdmin || (caller.Role == Roles.Supplier && caller.OrganisationId == id))
        && (await organisations.FindAsync(id, cancellationToken))?.Kind == Organisation.SupplierKind;
}
