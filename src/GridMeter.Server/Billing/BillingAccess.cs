using GridMeter.Server.Auth;

namespace GridMeter.Server.Billing;

/// <summary>Money is between a supplier and its customers: network operators see no bills, costs or balances.</summary>
public static class BillingAccess
{
    /// <summary>A meter's costs and balance: its consumer, its supplier, admins.</summary>
    public static readonly AccessRule MeterMoney = Access.Read(Resources.Meter, Roles.Consumer, Roles.Supplier, Roles.Admin);

    /// <summary>Lists the handler scopes to the caller's meters.</summary>
    public static readonly AccessRule ScopedMoney = new("scoped", Audience.People, [Roles.Consumer, Roles.Supplier, Roles.Admin], null, changes: false, ownAccount: false);
}
