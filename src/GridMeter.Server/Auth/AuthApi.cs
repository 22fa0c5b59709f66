using GridMeter.Server.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridMeter.Server.Auth;

public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/auth/token", IssueTokenAsync)
            .WithTags("Auth")
            .AllowAnonymous()
            .WithSummary("Exchange a username and password for a bearer token");
        return app;
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult, ValidationProblem>> IssueTokenAsync(
        TokenRequest request, UserAccounts users, AccessTokens tokens, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.Username) || string.IsNullOrEmpty(request.Password) || request.Password.Length > 1024)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["credentials"] = ["username and password are required"] });
        }
        var user = await users.FindAsync(request.Username, cancellationToken);
        if (!UserAccounts.VerifyPassword(user, request.Password))
        {
            return TypedResults.Problem("wrong username or password", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
        }
        var token = await tokens.IssueAsync(user!.Key, cancellationToken);
        return TypedResults.Ok(new TokenResponse(token, "Bearer", (int)tokens.Lifetime.TotalSeconds));
    }
}
