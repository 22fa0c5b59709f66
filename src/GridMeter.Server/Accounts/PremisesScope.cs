using GridMeter.Server.Auth;
using GridMeter.Server.Meters;

namespace GridMeter.Server.Accounts;

/// <summary>
/// Which premises a caller may see, as a SQL condition on premises aliased "p": those with a
/// meter the caller may see, and a consumer's own; an admin all. Takes <see cref="MeterScope.Parameters"/>.
/// </summary>
public static class PremisesScope
{
    public static string Condition(Caller caller) => caller.Role switch
    {
        Roles.Admin => "1 = 1",
        Roles.Consumer => $"""
            (p.key IN (SELECT premises_key FROM user_premises WHERE user_key = @ScopeUser)
             OR p.key IN (SELECT m.premises_key FROM meters m WHERE {MeterScope.Condition(caller)}))
            """,
        _ => $"p.key IN (SELECT m.premises_key FROM meters m WHERE {MeterScope.Condition(caller)})",
    };
}
