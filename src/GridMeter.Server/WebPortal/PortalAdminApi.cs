using Dapper;
using GridMeter.Server.Accounts;
using GridMeter.Server.Audit;
using GridMeter.Server.Auth;
using GridMeter.Server.WebPortal.Pages;
using GridMeter.Server.Storage;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridMeter.Server.WebPortal;

/// <summary>The admin's pages: organisations (with a form to add one), users, quarantine and the audit log.</summary>
public static class PortalAdminApi
{
    public static RouteGroupBuilder MapPortalAdmin(this RouteGroupBuilder portal)
    {
        var admin = portal.MapGroup("/admin");
        admin.MapGet("/organisations", OrganisationsAsync).RequireAccess(Access.Admin);
        admin.MapPost("/organisations", AddOrganisationAsync).RequireAccess(Access.Admin);
        admin.MapGet("/users", UsersAsync).RequireAccess(Access.Admin);
        admin.MapGet("/quarantine", QuarantineAsync).RequireAccess(Access.Admin);
        admin.MapGet("/audit", AuditAsync).RequireAccess(Access.Admin);
        return portal;
    }

    private static async Task<RazorComponentResult<OrganisationsPage>> OrganisationsAsync(
        HttpContext http, IAntiforgery antiforgery, Organisations organisations, CancellationToken cancellationToken, string? added = null) =>
        new(new
        {
            View = PortalView.For(http, antiforgery),
            Items = await organisations.ListVisibleAsync(Caller.From(http.User)!, 0, 1000, cancellationToken),
            Added = added is not null && GridMeter.Domain.Accounts.AccountText.IsIdentifier(added) ? added : null,
        });

    private static async Task<Results<RedirectHttpResult, RazorComponentResult<OrganisationsPage>, ProblemHttpResult>> AddOrganisationAsync(
        HttpContext http, IAntiforgery antiforgery, Organisations organisations, CancellationToken cancellationToken)
    {
        if (await PortalForm.ReadAsync(http, cancellationToken) is not { } form)
        {
            return PortalForm.Unreadable;
        }
        var request = new CreateOrganisationRequest(PortalForm.Text(form, "Id"), PortalForm.Text(form, "Name"), PortalForm.Text(form, "Kind"));
        var errors = AccountValidation.Check(request)
            .SelectMany(e => e.Value.Select(message => $"{e.Key}: {message}")).ToList();
        if (errors.Count == 0)
        {
            var organisation = new Organisation(request.Id!, request.Name!, request.Kind!);
            var entry = AuditEntry.By(Caller.From(http.User)!, http, "organisation.created", $"organisation:{organisation.Id}", AuditDetails.Of(("kind", organisation.Kind)));
            if (await organisations.CreateAsync(organisation, entry, cancellationToken))
            {
                return TypedResults.Redirect($"/portal/admin/organisations?added={Uri.EscapeDataString(organisation.Id)}");
            }
            errors.Add($"id: organisation '{organisation.Id}' exists already");
        }
        return new RazorComponentResult<OrganisationsPage>(new
        {
            View = PortalView.For(http, antiforgery),
            Items = await organisations.ListVisibleAsync(Caller.From(http.User)!, 0, 1000, cancellationToken),
            Errors = errors,
        })
        { StatusCode = StatusCodes.Status400BadRequest };
    }

    private static async Task<RazorComponentResult<UsersPage>> UsersAsync(
        HttpContext http, IAntiforgery antiforgery, UserAccounts users, CancellationToken cancellationToken, int offset = 0)
    {
        offset = Math.Clamp(offset, 0, 10_000_000);
        var items = await users.ListVisibleAsync(Caller.From(http.User)!, null, offset, UsersPage.PageSize, cancellationToken);
        return new(new { View = PortalView.For(http, antiforgery), Items = items, Offset = offset });
    }

    private static async Task<RazorComponentResult<QuarantinePage>> QuarantineAsync(
        HttpContext http, IAntiforgery antiforgery, IDatabase database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long ReceivedAt, string? MeterId, string Source, string Reason)>(new CommandDefinition(
            "SELECT received_at, meter_id, source, reason FROM quarantine ORDER BY key DESC LIMIT 100", cancellationToken: cancellationToken));
        var items = rows.Select(r => new QuarantineRow(DateTimeOffset.FromUnixTimeMilliseconds(r.ReceivedAt), r.MeterId, r.Source, r.Reason)).ToList();
        return new(new { View = PortalView.For(http, antiforgery), Items = items });
    }

    private static async Task<RazorComponentResult<AuditLogPage>> AuditAsync(
        HttpContext http, IAntiforgery antiforgery, AuditLog audit, CancellationToken cancellationToken, long? before = null)
    {
        var items = await audit.ReadAsync(new AuditQuery(BeforeKey: before, Limit: AuditLogPage.PageSize), cancellationToken);
        return new(new { View = PortalView.For(http, antiforgery), Items = items });
    }
}
