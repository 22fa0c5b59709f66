namespace GridMeter.Server.Auth;

/// <summary>The authorization policies behind <see cref="AccessConventions.RequireAccess"/>.</summary>
public static class AccessPolicies
{
    /// <summary>Bearer token, portal cookie or API key, then the endpoint's <see cref="AccessRule"/>; also the default and fallback policy.</summary>
    public const string People = "people";

    /// <summary>HTTP Basic meterId:deviceSecret, then the endpoint's <see cref="AccessRule"/>.</summary>
    public const string Device = "device";
}
