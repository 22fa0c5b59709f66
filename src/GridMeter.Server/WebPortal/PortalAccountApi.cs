using GridMeter.Server.Alerts;
using GridMeter.Server.Audit;
using GridMeter.Server.Auth;
using GridMeter.Server.Meters;
using GridMeter.Server.Prepayment;
using GridMeter.Server.Tariffs;
using GridMeter.Server.WebPortal.Pages;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GridMeter.Server.WebPortal;

/// <summary>
/// A meter's account in the portal: the tariff and a form to ask for another, the caller's daily
/// threshold; and the caller's alert inbox. The forms call the same rules as the API
/// (<see cref="TariffChanges"/>, <see cref="AlertSettingsValidation"/>) and answer with a redirect.
/// </summary>
public static class PortalAccountApi
{
    public const int AlertLimit = 50;

    public static RouteGroupBuilder MapPortalAccount(this RouteGroupBuilder portal)
    {
        portal.MapGet("/meters/{id}/account", AccountAsync).RequireAccess(Billing.BillingAccess.MeterMoney);
        portal.MapPost("/meters/{id}/threshold", SaveThresholdAsync).RequireAccess(Access.Change(Resources.Meter, Roles.Consumer));
        portal.MapPost("/meters/{id}/tariff-requests", RequestTariffAsync).RequireAccess(Access.Change(Resources.Meter, Roles.Consumer, Roles.Admin));
        portal.MapPost("/meters/{id}/topups", TopUpAsync).RequireAccess(Access.MeterChange);
        portal.MapGet("/alerts", AlertsAsync).RequireAccess(Access.OwnAccount);
        return portal;
    }

    private static async Task<Results<RazorComponentResult<MeterAccountPage>, NotFound>> AccountAsync(
        string id, HttpContext http, IAntiforgery antiforgery, MeterDirectory meters, MeterAccountQuery query, CancellationToken cancellationToken,
        string? done = null)
    {
        var caller = Caller.From(http.User)!;
        if (await meters.FindVisibleAsync(id, caller, cancellationToken) is not { } meter)
        {
            return TypedResults.NotFound();
        }
        return Page(http, antiforgery, await query.LoadAsync(meter, caller, cancellationToken), Notice(done), []);
    }

    private static async Task<Results<RedirectHttpResult, RazorComponentResult<MeterAccountPage>, NotFound, ProblemHttpResult>> SaveThresholdAsync(
        string id, HttpContext http, IAntiforgery antiforgery, MeterDirectory meters, MeterAccountQuery query, AlertSettingsStore store, AuditLog audit,
        TimeProvider clock, IOptions<AlertsOptions> options, CancellationToken cancellationToken)
    {
        if (await PortalForm.ReadAsync(http, cancellationToken) is not { } form)
        {
            return PortalForm.Unreadable;
        }
        var caller = Caller.From(http.User)!;
        if (await meters.FindVisibleAsync(id, caller, cancellationToken) is not { } meter)
        {
            return TypedResults.NotFound();
        }
        var errors = new Dictionary<string, string[]>();
        var text = PortalForm.Text(form, "DailyKwh");
        decimal? dailyKwh = null;
        if (text is not null)
        {
            if (decimal.TryParse(text, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                dailyKwh = value;
            }
            else
            {
                errors["dailyKwh"] = ["a number of kWh, e.g. 12.5"];
            }
        }
        // The whole of the caller's settings go back as they are, with this meter's threshold set (or removed when empty).
        var current = await store.GetAsync(caller.UserKey, cancellationToken);
        var thresholds = current.Thresholds.Where(t => t.MeterId != meter.Id).ToList();
        if (dailyKwh is not null)
        {
            thresholds.Add(new ThresholdDocument(meter.Id, dailyKwh));
        }
        var request = new AlertSettingsRequest(current.TimeZone, current.QuietHours, current.WebhookUrl, null, current.Preferences, thresholds);
        var settings = errors.Count > 0 ? null : await AlertSettingsValidation.CheckAsync(request, caller, meters, options.Value.AllowHttpWebhooks, errors, cancellationToken);
        if (settings is null)
        {
            return Page(http, antiforgery, await query.LoadAsync(meter, caller, cancellationToken), null, Messages(errors), StatusCodes.Status400BadRequest);
        }
        await store.SaveAsync(caller.UserKey, settings, clock.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
        await audit.RecordAsync(AuditEntry.By(caller, http, "alert.settings_changed", caller.Actor, AuditDetails.Of(("webhook", settings.WebhookUrl is not null))), cancellationToken);
        return TypedResults.Redirect($"/portal/meters/{Uri.EscapeDataString(meter.Id)}/account?done=threshold");
    }

    private static async Task<Results<RedirectHttpResult, RazorComponentResult<MeterAccountPage>, NotFound, ProblemHttpResult>> RequestTariffAsync(
        string id, HttpContext http, IAntiforgery antiforgery, MeterDirectory meters, MeterAccountQuery query, TariffChanges changes, CancellationToken cancellationToken)
    {
        if (await PortalForm.ReadAsync(http, cancellationToken) is not { } form)
        {
            return PortalForm.Unreadable;
        }
        var caller = Caller.From(http.User)!;
        if (await meters.FindVisibleAsync(id, caller, cancellationToken) is not { } meter)
        {
            return TypedResults.NotFound();
        }
        var request = new CreateTariffChangeRequest(PortalForm.Text(form, "TariffId"), PortalForm.Text(form, "ValidFrom"), PortalForm.Text(form, "Message"));
        var outcome = await changes.RequestAsync(meter, request, caller, http, cancellationToken);
        return outcome.Change is not null
            ? TypedResults.Redirect($"/portal/meters/{Uri.EscapeDataString(meter.Id)}/account?done=requested")
            : Page(http, antiforgery, await query.LoadAsync(meter, caller, cancellationToken), null, Messages(outcome.Errors), StatusCodes.Status400BadRequest);
    }

    // The form carries a payment id made when it was shown, so sending it twice credits once.
    private static async Task<Results<RedirectHttpResult, RazorComponentResult<MeterAccountPage>, NotFound, ProblemHttpResult>> TopUpAsync(
        string id, HttpContext http, IAntiforgery antiforgery, MeterDirectory meters, MeterAccountQuery query, PrepaidStore accounts, PrepaymentJob job,
        AuditLog audit, IOptions<PrepaymentOptions> options, CancellationToken cancellationToken)
    {
        if (await PortalForm.ReadAsync(http, cancellationToken) is not { } form)
        {
            return PortalForm.Unreadable;
        }
        var caller = Caller.From(http.User)!;
        if (await meters.FindVisibleAsync(id, caller, cancellationToken) is not { } meter)
        {
            return TypedResults.NotFound();
        }
        var amount = decimal.TryParse(PortalForm.Text(form, "Amount"), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : (decimal?)null;
        var outcome = await PrepaymentApi.StaffTopUpAsync(
            meter, new TopUpRequest(PortalForm.Text(form, "PaymentId"), amount), caller, http, accounts, job, audit, options.Value, cancellationToken);
        if (outcome.Response is { } response)
        {
            return TypedResults.Redirect($"/portal/meters/{Uri.EscapeDataString(meter.Id)}/account?done={(response.Credited ? "topup" : "topup-repeat")}");
        }
        var errors = outcome.Problem is { } problem ? [problem] : Messages(outcome.Errors);
        return Page(http, antiforgery, await query.LoadAsync(meter, caller, cancellationToken), null, errors, StatusCodes.Status400BadRequest);
    }

    private static async Task<RazorComponentResult<AlertsPage>> AlertsAsync(HttpContext http, IAntiforgery antiforgery, AlertStore alerts, CancellationToken cancellationToken) =>
        new(new { View = PortalView.For(http, antiforgery), Items = await alerts.ListAsync(Caller.From(http.User)!.UserKey, null, AlertLimit, cancellationToken) });

    private static RazorComponentResult<MeterAccountPage> Page(
        HttpContext http, IAntiforgery antiforgery, MeterAccount account, string? notice, IReadOnlyList<string> errors, int status = StatusCodes.Status200OK) =>
        new(new { View = PortalView.For(http, antiforgery), Account = account, Notice = notice, Errors = errors }) { StatusCode = status };

    private static string? Notice(string? done) => done switch
    {
        "threshold" => "Daily threshold saved.",
        "requested" => "Tariff change requested. Your supplier will answer it here.",
        "topup" => "Top-up credited.",
        "topup-repeat" => "This top-up was credited already; nothing changed.",
        _ => null,
    };

    public static IReadOnlyList<string> Messages(Dictionary<string, string[]> errors) =>
        [.. errors.SelectMany(e => e.Value.Select(message => $"{e.Key}: {message}"))];
}
