using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace GridMeter.Server.Auth;

/// <summary>
/// Answers access refusals with problem documents: 404 for a resource the caller may not see
/// (indistinguishable from an unknown one), 403 with the reason otherwise. A missing or wrong
/// login is left to the authentication schemes (401).
/// </summary>
public sealed class AccessResultHandler(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var reason = authorizeResult.AuthorizationFailure?.FailureReasons.FirstOrDefault(r => r.Handler is AccessHandler);
        if (!authorizeResult.Forbidden || reason is null)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }
        var hidden = reason.Message == AccessHandler.Hidden;
        context.Response.StatusCode = hidden ? StatusCodes.Status404NotFound : StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = context.Response.StatusCode, Detail = hidden ? null : reason.Message },
        });
    }
}
