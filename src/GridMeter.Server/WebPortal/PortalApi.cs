using GridMeter.Server.Accounts;
using GridMeter.Server.Audit;
using GridMeter.Server.Auth;
using GridMeter.Server.Commands;
using GridMeter.Server.Hierarchy;
using GridMeter.Server.Meters;
using GridMeter.Server.WebPortal.Pages;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace GridMeter.Server.WebPortal;

/// <summary>
/// The web portal: server-rendered pages under /portal, scoped exactly like the API (each page
/// declares its access rule; someone else's meter answers 404). A browser without a session is
/// sent to the login form. Pages are HTML, so they stay out of the OpenAPI document.
/// </summary>
public static class PortalApi
{
    public const int MaxNodeDays = 92;
    public const int CommandLimit = 10;

    public static WebApplication MapPortal(this WebApplication app)
    {
        // Stylesheet, script and the chart library from wwwroot: no endpoints, no session needed.
        app.UseStaticFiles();
        app.MapGet("/", () => TypedResults.Redirect("/portal")).RequireAccess(Access.Anonymous).ExcludeFromDescription();
        var portal = app.MapGroup("/portal").ExcludeFromDescription();
        portal.MapGet("/", Home).RequireAccess(Access.Scoped);
        portal.MapGet("/meters", MetersAsync).RequireAccess(Access.Scoped);
        portal.MapGet("/meters/{id}", MeterAsync).RequireAccess(Access.MeterRead);
        portal.MapGet("/network", NetworkAsync).RequireAccess(Access.Scoped);
        portal.MapGet("/network/{id}", NodeAsync).RequireAccess(Access.Read(Resources.GridNode));
        portal.MapGet("/profile", ProfileAsync).RequireAccess(Access.OwnAccount);
        portal.MapPost("/profile", SaveProfileAsync).RequireAccess(Access.OwnAccount);
        portal.MapPortalAccount();
        portal.MapPortalSupplier();
        portal.MapPortalOperator();
        portal.MapPortalAdmin();
        portal.MapPortalNotifications();
        return app;
    }

    /// <summary>Each role starts where its work is; a consumer with one meter goes straight to it.</summary>
    private static RedirectHttpResult Home(HttpContext http) => TypedResults.Redirect(Caller.From(http.User)!.Role switch
    {
        Roles.Operator => "/portal/network",
        _ => "/portal/meters",
    });

    private static async Task<Results<RazorComponentResult<MetersPage>, RedirectHttpResult, ProblemHttpResult>> MetersAsync(
        HttpContext http, IAntiforgery antiforgery, MeterHealthQuery query, CancellationToken cancellationToken,
        string? q = null, string? health = null, int? page = null)
    {
        var filter = MeterFilter.Parse(q, health, page);
        if (filter.Problem is { } problem)
        {
            return TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest);
        }
        var caller = Caller.From(http.User)!;
        var (rows, total) = await query.ListAsync(caller, filter, cancellationToken);
        if (caller.Role == Roles.Consumer && total == 1 && filter == MeterFilter.Parse(null, null, null))
        {
            return TypedResults.Redirect($"/portal/meters/{Uri.EscapeDataString(rows[0].Id)}");
        }
        return new RazorComponentResult<MetersPage>(new { View = PortalView.For(http, antiforgery), Filter = filter, Rows = rows, Total = total });
    }

    private static async Task<Results<RazorComponentResult<MeterPage>, NotFound>> MeterAsync(
        string id, HttpContext http, IAntiforgery antiforgery, MeterDirectory meters, MeterSummaryQuery summaries, CommandStore commandStore,
        CancellationToken cancellationToken, string? command = null)
    {
        var caller = Caller.From(http.User)!;
        var meter = await meters.FindVisibleAsync(id, caller, cancellationToken);
        if (meter is null)
        {
            return TypedResults.NotFound();
        }
        var summary = await summaries.LoadAsync(meter, caller, cancellationToken);
        var commands = caller.Role == Roles.Consumer ? [] : await commandStore.ListAsync(meter.Key, null, CommandLimit, cancellationToken);
        var sent = command is not null && CommandId.IsValid(command) && await commandStore.FindAsync(command, cancellationToken) is { } row && row.MeterKey == meter.Key ? row : null;
        return new RazorComponentResult<MeterPage>(new { View = PortalView.For(http, antiforgery), Summary = summary, Commands = commands, Sent = sent });
    }

    private static async Task<RazorComponentResult<NetworkPage>> NetworkAsync(
        HttpContext http, IAntiforgery antiforgery, NetworkQuery network, CancellationToken cancellationToken)
    {
        var nodes = await network.VisibleNodesAsync(Caller.From(http.User)!, cancellationToken);
        return new RazorComponentResult<NetworkPage>(new { View = PortalView.For(http, antiforgery), Nodes = nodes });
    }

    private static async Task<Results<RazorComponentResult<NodePage>, NotFound, ProblemHttpResult>> NodeAsync(
        string id, HttpContext http, IAntiforgery antiforgery, GridNodes nodes, NetworkQuery network, TimeProvider clock,
        CancellationToken cancellationToken, string? from = null, string? to = null)
    {
        var caller = Caller.From(http.User)!;
        var node = await nodes.FindAsync(id, cancellationToken);
        if (node is null)
        {
            return TypedResults.NotFound();
        }
        var today = Instant.FromDateTimeOffset(clock.GetUtcNow()).InUtc().Date;
        var start = ParseDate(from) ?? today.PlusDays(-30);
        var end = ParseDate(to) ?? today.PlusDays(1);
        if ((from is not null && ParseDate(from) is null) || (to is not null && ParseDate(to) is null) || end <= start || Period.Between(start, end, PeriodUnits.Days).Days > MaxNodeDays)
        {
            return TypedResults.Problem($"from and to: dates (yyyy-mm-dd), to after from, at most {MaxNodeDays} days apart", statusCode: StatusCodes.Status400BadRequest);
        }
        var (days, zone) = await network.DailyAsync(node, caller, start, end, cancellationToken);
        return new RazorComponentResult<NodePage>(new
        {
            View = PortalView.For(http, antiforgery), Node = node, Days = days, Zone = zone, From = Show.Date(start), To = Show.Date(end),
        });
    }

    private static async Task<Results<RazorComponentResult<ProfilePage>, NotFound>> ProfileAsync(
        HttpContext http, IAntiforgery antiforgery, UserAccounts users, CancellationToken cancellationToken, string? saved = null)
    {
        var user = await users.FindAsync(Caller.From(http.User)!.UserKey, cancellationToken);
        return user is null
            ? TypedResults.NotFound()
            : new RazorComponentResult<ProfilePage>(new { View = PortalView.For(http, antiforgery), User = user, user.Email, user.Mobile, Saved = saved == "1" });
    }

    // The access policy has checked the form's antiforgery token already (every cookie change needs it).
    private static async Task<Results<RedirectHttpResult, RazorComponentResult<ProfilePage>, NotFound, ProblemHttpResult>> SaveProfileAsync(
        HttpContext http, IAntiforgery antiforgery, UserAccounts users, CancellationToken cancellationToken)
    {
        if (await PortalForm.ReadAsync(http, cancellationToken) is not { } form)
        {
            return PortalForm.Unreadable;
        }
        var caller = Caller.From(http.User)!;
        var user = await users.FindAsync(caller.UserKey, cancellationToken);
        if (user is null)
        {
            return TypedResults.NotFound();
        }
        var request = new ProfileRequest(PortalForm.Text(form, "Email"), PortalForm.Text(form, "Mobile"));
        var errors = AccountValidation.Check(request);
        if (errors.Count > 0)
        {
            return new RazorComponentResult<ProfilePage>(new
            {
                View = PortalView.For(http, antiforgery), User = user, request.Email, request.Mobile,
                Errors = errors.SelectMany(e => e.Value.Select(message => $"{e.Key}: {message}")).ToList(),
            })
            { StatusCode = StatusCodes.Status400BadRequest };
        }
        var entry = AuditEntry.By(caller, http, "user.profile_updated", caller.Actor, AuditDetails.Of(("email", request.Email is not null), ("mobile", request.Mobile is not null)));
        await users.UpdateProfileAsync(caller.UserKey, request.Email, request.Mobile, entry, cancellationToken);
        return TypedResults.Redirect("/portal/profile?saved=1");
    }

    private static LocalDate? ParseDate(string? text) =>
        text is not null && NodaTime.Text.LocalDatePattern.Iso.Parse(text) is { Success: true } result ? result.Value : null;
}
