using GridMeter.Server.Auth;

namespace GridMeter.Server.Meters;

/// <summary>
/// Which meters a caller may see, as a SQL condition on the meters table aliased "m": a supplier
/// the meters it supplies, an operator those in its network, a consumer those listed for them or
/// at their premises, an admin every one. Every list and lookup of meters goes through here.
/// </summary>
public static class MeterScope
{
    public static string Condition(Caller caller) => caller.Role switch
    {
        Roles.Admin => "1 = 1",
        Roles.Supplier => "m.supplier_id = @ScopeOrganisation",
        Roles.Operator => "m.network_operator_id = @ScopeOrganisation",
        Roles.Consumer => "(m.key IN (SELECT meter_key FROM user_meters WHERE user_key = @ScopeUser)"
            + " OR m.premises_key IN (SELECT premises_key FROM user_premises WHERE user_key = @ScopeUser))",
        _ => "1 = 0",
    };

    public static object Parameters(Caller caller) => new { ScopeOrganisation = caller.OrganisationId ?? "", ScopeUser = caller.UserKey };
}
