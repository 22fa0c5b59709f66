using GridMeter.Domain.Accounts;
using GridMeter.Domain.Meters;
using GridMeter.Server.Accounts;
using GridMeter.Server.Billing;
using GridMeter.Server.Commands;
using GridMeter.Server.Devices;
using GridMeter.Server.Firmware;
using GridMeter.Server.Hierarchy;
using GridMeter.Server.Meters;
using GridMeter.Server.Reports;
using GridMeter.Server.Tariffs;

namespace GridMeter.Server.Auth;

/// <summary>
/// The resources GridMeter's endpoints address by id, each with its visibility rule. Ids that
/// cannot exist are hidden without asking the database. Admins see everything and are not asked.
/// </summary>
public static class Resources
{
    public static readonly ResourceKind Meter = new("meter", async (http, id, caller, cancellationToken) =>
        MeterId.IsValid(id)
        && await http.RequestServices.GetRequiredService<MeterDirectory>().FindVisibleAsync(id, caller, cancellationToken) is not null);

    public static readonly ResourceKind User = new("user", async (http, username, caller, cancellationToken) =>
        AccountText.IsUsername(username)
        && await http.RequestServices.GetRequiredService<UserAccounts>().IsVisibleAsync(username, caller, cancellationToken));

    public static readonly ResourceKind Organisation = new("organisation", async (http, id, caller, cancellationToken) =>
        AccountText.IsIdentifier(id)
        && await http.RequestServices.GetRequiredService<Organisations>().IsVisibleAsync(id, caller, cancellationToken));

    public static readonly ResourceKind Premises = new("premises", async (http, id, caller, cancellationToken) =>
        AccountText.IsIdentifier(id)
        && await http.RequestServices.GetRequiredService<PremisesDirectory>().IsVisibleAsync(id, caller, cancellationToken));

    /// <summary>A gateway is visible to whoever may see at least one of the meters behind it.</summary>
    public static readonly ResourceKind Gateway = new("gateway", async (http, id, caller, cancellationToken) =>
        MeterId.IsValid(id)
        && await http.RequestServices.GetRequiredService<Gateways>().IsVisibleAsync(id, caller, cancellationToken));

    /// <summary>A node of the network hierarchy is visible to whoever may see a meter in it.</summary>
    public static readonly ResourceKind GridNode = new("grid node", async (http, id, caller, cancellationToken) =>
        MeterId.IsValid(id)
        && await http.RequestServices.GetRequiredService<GridNodes>().FindAsync(id, cancellationToken) is { } node
        && await http.RequestServices.GetRequiredService<NodeMembers>().IsVisibleAsync(node, caller, cancellationToken));

    /// <summary>A command is visible to whoever may see its meter.</summary>
    public static readonly ResourceKind Command = new("command", async (http, id, caller, cancellationToken) =>
        CommandId.IsValid(id)
        && await http.RequestServices.GetRequiredService<MeterCommands>().IsVisibleAsync(id, caller, cancellationToken));
    /// <summary>A kept report is visible to the person it was made for.</summary>
    public static readonly ResourceKind Report = new("report", async (http, id, caller, cancellationToken) =>
        ReportStore.IsId(id) && await http.RequestServices.GetRequiredService<ReportStore>().FindAsync(id, caller.UserKey, cancellationToken) is not null);

    /// <summary>A report schedule is visible to the person who made it.</summary>
    public static readonly ResourceKind ReportSchedule = new("report schedule", async (http, id, caller, cancellationToken) =>
        ScheduleStore.IsId(id) && await http.RequestServices.GetRequiredService<ScheduleStore>().IsOwnAsync(id, caller.UserKey, cancellationToken));
    /// <summary>A webhook subscription is visible to the supplier staff of its organisation (admins see all).</summary>
    public static readonly ResourceKind Webhook = new("webhook", async (http, id, caller, cancellationToken) =>
        Webhooks.WebhookStore.IsId(id) && caller.OrganisationId is not null
        && await http.RequestServices.GetRequiredService<Webhooks.WebhookStore>().FindAsync(id, cancellationToken) is { } subscription
        && subscription.OrganisationId == caller.OrganisationId);

    /// <summary>A firmware image is visible to admins and to staff of its supplier; one uploaded for no supplier to every supplier.</summary>
    public static readonly ResourceKind FirmwareImage = new("firmware image", async (http, id, caller, cancellationToken) =>
        Firmware.FirmwareImage.IsId(id)
        && await http.RequestServices.GetRequiredService<FirmwareImages>().IsVisibleAsync(id, caller, cancellationToken));

    /// <summary>A rollout is visible to admins and to staff of the supplier it is for.</summary>
    public static readonly ResourceKind Rollout = new("rollout", async (http, id, caller, cancellationToken) =>
        Firmware.Rollout.IsId(id)
        && await http.RequestServices.GetRequiredService<RolloutStore>().IsVisibleAsync(id, caller, cancellationToken));

    /// <summary>API keys are managed by admins only; nobody else sees one.</summary>
    public static readonly ResourceKind ApiKey = new("apikey", (_, _, _, _) => ValueTask.FromResult(false));

    /// <summary>A tariff: its supplier's staff, and consumers whose meters that supplier supplies.</summary>
    public static readonly ResourceKind Tariff = new("tariff", async (http, id, caller, cancellationToken) =>
        MeterId.IsValid(id)
        && await http.RequestServices.GetRequiredService<TariffStore>().FindVisibleAsync(id, caller, cancellationToken) is not null);

    /// <summary>A bill or note: whoever may see its meter.</summary>
    public static readonly ResourceKind Bill = new("bill", async (http, id, caller, cancellationToken) =>
        MeterId.IsValid(id)
        && await http.RequestServices.GetRequiredService<BillStore>().FindVisibleAsync(id, caller, cancellationToken) is not null);

    /// <summary>A bill run: its supplier's staff.</summary>
    public static readonly ResourceKind BillRun = new("bill run", async (http, id, caller, cancellationToken) =>
        MeterId.IsValid(id)
        && await http.RequestServices.GetRequiredService<BillStore>().FindRunVisibleAsync(id, caller, cancellationToken) is not null);

    /// <summary>A consumer's tariff-change request: whoever may see its meter.</summary>
    public static readonly ResourceKind TariffRequest = new("tariff request", async (http, id, caller, cancellationToken) =>
        MeterId.IsValid(id)
        && await http.RequestServices.GetRequiredService<TariffRequests>().FindVisibleAsync(id, caller, cancellationToken) is not null);
}
