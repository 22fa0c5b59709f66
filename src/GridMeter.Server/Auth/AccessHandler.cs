using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;

namespace GridMeter.Server.Auth;

/// <summary>
/// The one access policy: checks the endpoint's <see cref="AccessRule"/> against the caller.
/// Refusals that reveal nothing (wrong role, read only) answer 403; a resource the caller may not
/// see answers 404, the same as an unknown one (see <see cref="AccessResultHandler"/>).
/// </summary>
public sealed class AccessHandler : AuthorizationHandler<AccessRequirement>
{
    /// <summary>The failure message that turns into 404.</summary>
    public const string Hidden = "hidden";

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, AccessRequirement requirement)
    {
        if (context.Resource is not HttpContext http)
        {
            context.Fail(new AuthorizationFailureReason(this, "access is decided per HTTP request"));
            return;
        }
        var refusal = await DecideAsync(http, context, http.RequestAborted);
        if (refusal is null)
        {
            context.Succeed(requirement);
        }
        else
        {
            context.Fail(new AuthorizationFailureReason(this, refusal));
        }
    }

    /// <summary>Null when allowed; otherwise why not, or <see cref="Hidden"/>.</summary>
    private static async ValueTask<string?> DecideAsync(HttpContext http, AuthorizationHandlerContext context, CancellationToken cancellationToken)
    {
        var endpoint = http.GetEndpoint();
        if (endpoint is not RouteEndpoint)
        {
            // No endpoint (404), or one routing made up to answer 405 or 415: nothing to protect.
            return null;
        }
        var rule = endpoint.Metadata.GetMetadata<AccessRule>();
        if (rule is null)
        {
            return "This endpoint declares no access rule, so nobody may call it.";
        }
        if (rule.Audience == Audience.Device)
        {
            var meterId = context.User.FindFirst(DeviceBasicHandler.MeterClaim)?.Value;
            return meterId is not null && meterId == http.GetRouteValue(rule.RouteValue) as string
                ? null
                : "A device may only use its own meter id.";
        }
        if (rule.Audience == Audience.Anyone)
        {
            return null;
        }

        var caller = Caller.From(context.User);
        if (caller is null)
        {
            return "Log in first.";
        }
        if (!rule.Roles.Contains(caller.Role))
        {
            return $"The role '{caller.Role}' may not use this endpoint.";
        }
        if (rule.OwnAccount && !caller.IsPerson)
        {
            return "An API key has no account of its own.";
        }
        if (rule.Changes && !caller.MayChange)
        {
            return caller.ReadOnly ? "This API key reads only." : "Network operators read only.";
        }
        if (!IsSafe(http.Request.Method) && OnlyCookie(context) && !await CarriesAntiforgeryTokenAsync(http))
        {
            return "A change made with a portal session needs its antiforgery token.";
        }
        if (rule.Resource is { } resource && !caller.IsAdmin)
        {
            if (http.GetRouteValue(rule.RouteValue) is not string id || !await resource.IsVisibleAsync(http, id, caller, cancellationToken))
            {
                return Hidden;
            }
        }
        return null;
    }

    private static bool IsSafe(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);

    // A browser sends the cookie along with any cross-site request; a bearer token or API key it
    // never adds on its own. So only cookie-authenticated changes need the antiforgery token.
    private static bool OnlyCookie(AuthorizationHandlerContext context) =>
        context.User.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == CookieSession.SchemeName)
        && !context.User.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType != CookieSession.SchemeName);

    private static async Task<bool> CarriesAntiforgeryTokenAsync(HttpContext http)
    {
        try
        {
            return await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http);
        }
        catch (AntiforgeryValidationException e) when (e.InnerException is InvalidDataException)
        {
            // The form itself cannot be read (a NUL in a field, say): a bad request, not a missing token.
            throw new BadHttpRequestException("The form could not be read.", StatusCodes.Status400BadRequest, e);
        }
    }
}
