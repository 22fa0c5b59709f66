using System.Globalization;
using System.Security.Claims;

namespace GridMeter.Server.Auth;

/// <summary>
/// Who is asking: a logged-in person with a role and the organisation they work for, or an
/// integrator's API key acting for its organisation (then <see cref="ApiKeyId"/> is set and
/// <see cref="UserKey"/> is 0).
/// </summary>
public sealed record Caller(long UserKey, string Username, string Role, string? OrganisationId)
{
    public const string UserKeyClaim = "gm:user";
    public const string OrganisationClaim = "gm:org";
    public const string ApiKeyClaim = "gm:apikey";
    public const string ReadOnlyClaim = "gm:readonly";

    /// <summary>The API key this caller presented, or null for a person.</summary>
    public string? ApiKeyId { get; init; }

    /// <summary>True for an API key issued for reading only.</summary>
    public bool ReadOnly { get; init; }

    public bool IsAdmin => Role == Roles.Admin;

    public bool IsPerson => ApiKeyId is null;

    /// <summary>Operators and read-only keys look but never change anything.</summary>
    public bool MayChange => Role != Roles.Operator && !ReadOnly;

    /// <summary>How the audit log names this caller: "user:alice" or "key:k_3f9a…".</summary>
    public string Actor => ApiKeyId is null ? $"user:{Username}" : $"key:{ApiKeyId}";

    public static Caller? From(ClaimsPrincipal principal)
    {
        var key = principal.FindFirstValue(UserKeyClaim);
        var role = principal.FindFirstValue(ClaimTypes.Role);
        if (key is null || role is null)
        {
            return null;
        }
        return new Caller(
            long.Parse(key, CultureInfo.InvariantCulture),
            principal.Identity?.Name ?? "",
            role,
            principal.FindFirstValue(OrganisationClaim))
        {
            ApiKeyId = principal.FindFirstValue(ApiKeyClaim),
            ReadOnly = principal.HasClaim(ReadOnlyClaim, "true"),
        };
    }

    public ClaimsPrincipal ToPrincipal(string scheme, params Claim[] extra) => new(new ClaimsIdentity(
        [
            new Claim(UserKeyClaim, UserKey.ToString(CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, Username),
            new Claim(ClaimTypes.Role, Role),
            .. OrganisationId is null ? Array.Empty<Claim>() : [new Claim(OrganisationClaim, OrganisationId)],
            .. ApiKeyId is null ? Array.Empty<Claim>() : [new Claim(ApiKeyClaim, ApiKeyId)],
            .. ReadOnly ? [new Claim(ReadOnlyClaim, "true")] : Array.Empty<Claim>(),
            .. extra,
        ],
        scheme));
}
