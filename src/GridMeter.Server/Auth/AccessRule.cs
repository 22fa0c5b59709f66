namespace GridMeter.Server.Auth;

/// <summary>
/// The access an endpoint declares, as endpoint metadata: who may call it, which route value
/// names the resource it works on, and whether it changes anything. The one access policy
/// (<see cref="AccessHandler"/>) enforces it; build rules with <see cref="Access"/>.
/// </summary>
public sealed record AccessRule
{
    internal AccessRule(string name, Audience audience, IReadOnlyList<string> roles, ResourceKind? resource, bool changes, bool ownAccount)
    {
        if (changes && roles.Contains(GridMeter.Server.Auth.Roles.Operator))
        {
            throw new ArgumentException("Network operators read only; a rule that changes something cannot admit them.", nameof(roles));
        }
        (Name, Audience, Roles, Resource, Changes, OwnAccount) = (name, audience, roles, resource, changes, ownAccount);
    }

    public string Name { get; }

    public Audience Audience { get; }

    /// <summary>The roles admitted (people only).</summary>
    public IReadOnlyList<string> Roles { get; }

    /// <summary>The kind of resource the route value <see cref="RouteValue"/> names, if any.</summary>
    public ResourceKind? Resource { get; }

    public string RouteValue { get; init; } = "id";

    /// <summary>True when the endpoint changes state: operators and read-only keys are refused.</summary>
    public bool Changes { get; }

    /// <summary>True when the endpoint works on the caller's own account: API keys have none.</summary>
    public bool OwnAccount { get; }

    /// <summary>The same rule with the resource named by another route value, e.g. "meterId".</summary>
    public AccessRule On(string routeValue) => this with { RouteValue = routeValue };

    public override string ToString() => Audience switch
    {
        Audience.Anyone => "anyone",
        Audience.Device => "device (own meter)",
        _ => $"{Name}: {string.Join(", ", Roles)}",
    };
}
