using GridMeter.Domain.Accounts;
using GridMeter.Domain.Meters;
using GridMeter.Server.Accounts;
using GridMeter.Server.Commands;
using GridMeter.Server.Devices;
using GridMeter.Server.Firmware;
using GridMeter.Server.Hierarchy;
using GridMeter.Server.Meters;

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
}
