namespace GridMeter.Server.Auth;

public static class AccessConventions
{
    /// <summary>
    /// Declares who may call an endpoint; every endpoint must (the access matrix test enumerates
    /// them all, and an endpoint without a rule is refused at run time).
    /// </summary>
    public static TBuilder RequireAccess<TBuilder>(this TBuilder builder, AccessRule rule)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(rule);
        return rule.Audience switch
        {
            Audience.Anyone => builder.AllowAnonymous(),
            Audience.Device => builder.RequireAuthorization(AccessPolicies.Device),
            _ => builder.RequireAuthorization(AccessPolicies.People),
        };
    }
}
