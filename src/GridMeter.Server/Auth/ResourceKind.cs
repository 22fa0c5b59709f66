namespace GridMeter.Server.Auth;

/// <summary>
/// A kind of thing an endpoint names in its route (a meter, a user, …) and how to tell whether a
/// caller may see one. A slice with a new kind of resource declares one of these beside its
/// store and uses it in <see cref="Access.Read"/> or <see cref="Access.Change"/>.
/// </summary>
public sealed class ResourceKind(string name, Func<HttpContext, string, Caller, CancellationToken, ValueTask<bool>> isVisible)
{
    public string Name => name;

    /// <summary>True when the resource exists and the caller may see it; unknown and hidden are alike.</summary>
    public ValueTask<bool> IsVisibleAsync(HttpContext http, string id, Caller caller, CancellationToken cancellationToken) =>
        isVisible(http, id, caller, cancellationToken);

    public override string ToString() => name;
}
