using GridMeter.Server.Auth;

namespace GridMeter.Server.Accounts;

/// <summary>
/// Which user accounts a caller may see, as a SQL condition on the users table aliased "u": an
/// admin all, supplier staff their colleagues and the consumers of their meters, operator staff
/// their colleagues, a consumer only themselves. Takes <see cref="Meters.MeterScope.Parameters"/>.
/// </summary>
public static class UserScope
{
    public static string Condition(Caller caller) => caller.Role switch
    {
        Roles.Admin => "1 = 1",
        Roles.Supplier => """
            (u.organisation_id = @ScopeOrganisation
             OR u.key IN (SELECT um.user_key FROM user_meters um JOIN meters m ON m.key = um.meter_key WHERE m.supplier_id = @ScopeOrganisation)
             OR u.key IN (SELECT up.user_key FROM user_premises up JOIN meters m ON m.premises_key = up.premises_key WHERE m.supplier_id = @ScopeOrganisation))
            """,
        Roles.Operator => "u.organisation_id = @ScopeOrganisation",
        Roles.Consumer => "u.key = @ScopeUser",
        _ => "1 = 0",
    };
}
