using GridMeter.Server.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridMeter.Server.Auth;

public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Auth");
        auth.MapPost("/token", IssueTokenAsync)
            .RequireAccess(Access.Anonymous)
            .RequireRateLimiting(Security.RateLimits.Login)
            .WithSummary("Exchange a username and password for a bearer token; 10 wrong passwords in a row lock the account for a while");
        auth.MapDelete("/token", RevokeTokenAsync)
            .RequireAccess(Access.OwnAccount)
            .WithSummary("Log out: the bearer token presented stops working");
        return app;
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> IssueTokenAsync(
        TokenRequest request, HttpContext http, PasswordLogin login, AccessTokens tokens, CancellationToken cancellationToken)
    {
        var user = await login.LoginAsync(request.Username, request.Password, "token", AuditEntry.AddressOf(http), cancellationToken);
        if (user is null)
        {
            return TypedResults.Problem(
                "Wrong username or password, or the account is locked after too many wrong passwords.",
                statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
        }
        var token = await tokens.IssueAsync(user.Key, cancellationToken);
        return TypedResults.Ok(new TokenResponse(token, "Bearer", (int)tokens.Lifetime.TotalSeconds));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeTokenAsync(
        HttpContext http, AccessTokens tokens, AuditLog audit, CancellationToken cancellationToken)
    {
        var token = AccessTokens.FromHeader(http.Request.Headers.Authorization);
        if (token is null)
        {
            return TypedResults.Problem("Only a bearer token can be revoked here; a portal session ends with POST /account/logout.",
                statusCode: StatusCodes.Status400BadRequest);
        }
        await tokens.RevokeAsync(token, cancellationToken);
        var caller = Caller.From(http.User)!;
        await audit.RecordAsync(AuditEntry.By(caller, http, "user.logged_out", caller.Actor, AuditDetails.Of(("via", "token"))), cancellationToken);
        return TypedResults.NoContent();
    }
}
