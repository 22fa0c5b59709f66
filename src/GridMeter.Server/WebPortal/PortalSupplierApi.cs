using GridMeter.Domain.Commands;
using GridMeter.Server.Auth;
using GridMeter.Server.Billing;
using GridMeter.Server.Commands;
using GridMeter.Server.Firmware;
using GridMeter.Server.Meters;
using GridMeter.Server.Tariffs;
using GridMeter.Server.WebPortal.Pages;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridMeter.Server.WebPortal;

/// <summary>
/// The supplier's work in the portal: the queue of tariff-change requests with approve and reject,
/// and switching a meter's supply (disconnect, reconnect, approving a disconnect beyond the hourly
/// limit). Each form calls the same rules as the API (<see cref="TariffChanges"/>, <see cref="MeterCommands"/>).
/// </summary>
public static class PortalSupplierApi
{
    public static RouteGroupBuilder MapPortalSupplier(this RouteGroupBuilder portal)
    {
        portal.MapGet("/requests", RequestsAsync).RequireAccess(Access.ScopedTo(Roles.Supplier, Roles.Admin));
        portal.MapPost("/requests/{id}/decision", DecideAsync).RequireAccess(Access.Change(Resources.TariffRequest, Roles.Supplier, Roles.Admin));
        portal.MapPost("/meters/{id}/supply", SwitchSupplyAsync).RequireAccess(Access.MeterChange);
        portal.MapPost("/commands/{id}/approve", ApproveAsync).RequireAccess(Access.Change(Resources.Command, Roles.Supplier, Roles.Admin));
        portal.MapGet("/bills", BillsAsync).RequireAccess(Access.ScopedTo(Roles.Supplier, Roles.Admin));
        portal.MapGet("/prepaid", PrepaidAsync).RequireAccess(Access.ScopedTo(Roles.Supplier, Roles.Admin));
        portal.MapGet("/firmware", FirmwareAsync).RequireAccess(Access.ScopedTo(Roles.Supplier, Roles.Admin));
        return portal;
    }

    private static async Task<RazorComponentResult<BillsPage>> BillsAsync(
        HttpContext http, IAntiforgery antiforgery, BillStore bills, CancellationToken cancellationToken) =>
        new(new { View = PortalView.For(http, antiforgery), Items = await bills.ListVisibleAsync(Caller.From(http.User)!, null, null, BillsPage.Limit, cancellationToken) });

    private static async Task<Results<RazorComponentResult<PrepaidPage>, ProblemHttpResult>> PrepaidAsync(
        HttpContext http, IAntiforgery antiforgery, PrepaidAccountQuery query, CancellationToken cancellationToken, int? page = null)
    {
        if (page is < 1 or > 100_000)
        {
            return TypedResults.Problem("page: 1 to 100000", statusCode: StatusCodes.Status400BadRequest);
        }
        var number = page ?? 1;
        var (rows, total) = await query.ListAsync(Caller.From(http.User)!, (number - 1) * PrepaidAccountQuery.PageSize, cancellationToken);
        return new RazorComponentResult<PrepaidPage>(new { View = PortalView.For(http, antiforgery), Rows = rows, Total = total, Page = number });
    }

    private static async Task<RazorComponentResult<FirmwarePage>> FirmwareAsync(
        HttpContext http, IAntiforgery antiforgery, RolloutStore store, Rollouts rollouts, CancellationToken cancellationToken)
    {
        var items = new List<RolloutResponse>();
        foreach (var rollout in (await store.ListAsync(null, Caller.From(http.User)!, cancellationToken)).Take(FirmwarePage.Limit))
        {
            items.Add(await rollouts.DescribeAsync(rollout, cancellationToken));
        }
        return new(new { View = PortalView.For(http, antiforgery), Items = items });
    }

    private static async Task<Results<RazorComponentResult<RequestsPage>, ProblemHttpResult>> RequestsAsync(
        HttpContext http, IAntiforgery antiforgery, TariffRequestQuery query, CancellationToken cancellationToken,
        string? status = null, int? page = null, string? done = null)
    {
        status ??= "pending";
        if (status is not ("pending" or "approved" or "rejected") || page is < 1 or > 100_000)
        {
            return TypedResults.Problem("status: pending, approved or rejected; page: 1 to 100000", statusCode: StatusCodes.Status400BadRequest);
        }
        var number = page ?? 1;
        var (rows, total) = await query.QueueAsync(Caller.From(http.User)!, status, (number - 1) * TariffRequestQuery.PageSize, cancellationToken);
        var notice = done switch
        {
            "approved" => "Request approved: the meter moves to the tariff from the date asked.",
            "rejected" => "Request rejected.",
            _ => null,
        };
        return new RazorComponentResult<RequestsPage>(new
        {
            View = PortalView.For(http, antiforgery), Status = status, Page = number, Rows = rows, Total = total, Notice = notice,
        });
    }

    private static async Task<Results<RedirectHttpResult, NotFound, ProblemHttpResult>> DecideAsync(
        string id, HttpContext http, TariffRequests requests, MeterDirectory meters, TariffChanges changes, CancellationToken cancellationToken)
    {
        if (await PortalForm.ReadAsync(http, cancellationToken) is not { } form)
        {
            return PortalForm.Unreadable;
        }
        var caller = Caller.From(http.User)!;
        if (await requests.FindVisibleAsync(id, caller, cancellationToken) is not { } change || await meters.FindByKeyAsync(change.MeterKey, cancellationToken) is not { } meter)
        {
            return TypedResults.NotFound();
        }
        bool? approve = PortalForm.Text(form, "Decision") switch { "approve" => true, "reject" => false, _ => null };
        var outcome = await changes.DecideAsync(change, meter, new TariffChangeDecision(approve, PortalForm.Text(form, "Note")), caller, http, cancellationToken);
        if (outcome.Change is { } decided)
        {
            return TypedResults.Redirect($"/portal/requests?done={decided.Status}");
        }
        return outcome.Conflict is { } conflict
            ? TypedResults.Problem(conflict, statusCode: StatusCodes.Status409Conflict, title: outcome.ConflictTitle)
            : TypedResults.Problem(string.Join("; ", PortalAccountApi.Messages(outcome.Errors)), statusCode: StatusCodes.Status400BadRequest);
    }

    private static async Task<Results<RedirectHttpResult, NotFound, ProblemHttpResult>> SwitchSupplyAsync(
        string id, HttpContext http, MeterDirectory meters, MeterCommands commands, CancellationToken cancellationToken)
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
        var command = PortalForm.Text(form, "Command");
        if (command is not (CommandCatalog.Disconnect or CommandCatalog.Reconnect))
        {
            return TypedResults.Problem($"Command: {CommandCatalog.Disconnect} or {CommandCatalog.Reconnect}", statusCode: StatusCodes.Status400BadRequest);
        }
        var reason = PortalForm.Text(form, "Reason") ?? "";
        var requester = CommandRequester.Of(caller, http);
        var outcome = command == CommandCatalog.Disconnect
            ? await commands.DisconnectAsync(meter.Id, reason, requester, cancellationToken)
            : await commands.ReconnectAsync(meter.Id, reason, requester, cancellationToken);
        return outcome.IsAccepted
            ? TypedResults.Redirect($"/portal/meters/{Uri.EscapeDataString(meter.Id)}?command={Uri.EscapeDataString(outcome.Command!.Id)}#supply-heading")
            : Refused(outcome);
    }

    private static async Task<Results<RedirectHttpResult, NotFound, ProblemHttpResult>> ApproveAsync(
        string id, HttpContext http, MeterCommands commands, CancellationToken cancellationToken)
    {
        var outcome = await commands.ApproveAsync(id, CommandRequester.Of(Caller.From(http.User)!, http), cancellationToken);
        return outcome.IsAccepted
            ? TypedResults.Redirect($"/portal/meters/{Uri.EscapeDataString(outcome.Command!.MeterId)}?command={Uri.EscapeDataString(outcome.Command.Id)}#supply-heading")
            : Refused(outcome);
    }

    private static ProblemHttpResult Refused(CommandOutcome outcome) => outcome.Refusal switch
    {
        CommandRefusal.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound),
        CommandRefusal.Forbidden => TypedResults.Problem(outcome.Reason, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed"),
        CommandRefusal.Conflict => TypedResults.Problem(outcome.Reason, statusCode: StatusCodes.Status409Conflict, title: "Not awaiting approval"),
        _ => TypedResults.Problem(outcome.Reason, statusCode: StatusCodes.Status400BadRequest, title: "Invalid command"),
    };
}
