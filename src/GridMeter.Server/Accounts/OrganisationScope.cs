using GridMeter.Server.Auth;
using GridMeter.Server.Meters;

namespace GridMeter.Server.Accounts;

/// <summary>
/// Which organisations a caller may see, as a SQL condition on organisations aliased "o": their
/// own, and those that supply or run the network of a meter they may see; an admin all.
/// Takes <see cref="MeterScope.Parameters"/>.
/// </summary>
public static class OrganisationScope
{
    public static string Condition(Caller caller) => caller.IsAdmin
        ? "1 = 1"
        : $"""
            (o.id = @ScopeOrganisation
             OR o.id IN (SELECT m.supplier_id FROM meters m WHERE {MeterScope.Condition(caller)})
             OR o.id IN (SELECT m.network_operator_id FROM meters m WHERE {MeterScope.Condition(caller)}))
            """;
}
