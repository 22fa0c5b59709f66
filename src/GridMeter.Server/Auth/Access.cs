namespace GridMeter.Server.Auth;

/// <summary>
/// The access rules endpoints declare, one line each: <c>.RequireAccess(Access.MeterRead)</c>.
/// Consumers see their own premises and meters, suppliers the meters they supply, network
/// operators the meters in their network (read only), admins everything. A resource the caller
/// may not see answers 404, exactly like one that does not exist.
/// </summary>
public static class Access
{
    private static readonly string[] Everyone = [.. Roles.All];

    /// <summary>No credentials: health, OpenAPI, logging in.</summary>
    public static readonly AccessRule Anonymous = new("anyone", Audience.Anyone, [], null, changes: false, ownAccount: false);

    /// <summary>A device, for its own meter id only (route value "id").</summary>
    public static readonly AccessRule Device = new("device", Audience.Device, [], null, changes: false, ownAccount: false);

    /// <summary>Admins only.</summary>
    public static readonly AccessRule Admin = new("admin", Audience.People, [Roles.Admin], null, changes: false, ownAccount: false);

    /// <summary>Any logged-in person, on their own account (profile, password, sessions); not API keys.</summary>
    public static readonly AccessRule OwnAccount = new("own account", Audience.People, Everyone, null, changes: false, ownAccount: true);

    /// <summary>Any caller; the handler itself limits what it returns to the caller's scope (lists).</summary>
    public static readonly AccessRule Scoped = new("scoped", Audience.People, Everyone, null, changes: false, ownAccount: false);

    /// <summary>Callers of the roles listed; the handler itself limits what it returns to the caller's scope.</summary>
    public static AccessRule ScopedTo(params string[] roles) => new("scoped", Audience.People, roles, null, changes: false, ownAccount: false);

    /// <summary>Reads one meter the caller may see, named by route value "id".</summary>
    public static readonly AccessRule MeterRead = Read(Resources.Meter);

    /// <summary>Changes one meter the caller may see: its supplier or an admin.</summary>
    public static readonly AccessRule MeterChange = Change(Resources.Meter, Roles.Supplier, Roles.Admin);

    /// <summary>Reads one <paramref name="resource"/> the caller may see; all roles unless listed.</summary>
    public static AccessRule Read(ResourceKind resource, params string[] roles) =>
        new($"{resource} read", Audience.People, roles.Length == 0 ? Everyone : roles, resource, changes: false, ownAccount: false);

    /// <summary>
    /// Changes state, on one <paramref name="resource"/> the caller may see (or none): the roles
    /// listed (never operators), and never a read-only key.
    /// </summary>
    public static AccessRule Change(ResourceKind? resource, params string[] roles) =>
        new(resource is null ? "change" : $"{resource} change", Audience.People, roles, resource, changes: true, ownAccount: false);
}
