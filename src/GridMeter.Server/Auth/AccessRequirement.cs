using Microsoft.AspNetCore.Authorization;

namespace GridMeter.Server.Auth;

/// <summary>"The endpoint's <see cref="AccessRule"/> holds for this caller", checked by <see cref="AccessHandler"/>.</summary>
public sealed class AccessRequirement : IAuthorizationRequirement
{
    public static readonly AccessRequirement Instance = new();
}
