using GridMeter.Server.Audit;
using GridMeter.Server.WebPortal;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridMeter.Server.Auth;

/// <summary>
/// Logging in and out of the portal with a form and a session cookie. Both POSTs need the
/// antiforgery token of the form. A browser (Accept: text/html) gets pages and redirects; other
/// clients get problem documents.
/// </summary>
public static class PortalLoginApi
{
    public static IEndpointRouteBuilder MapPortalLogin(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").WithTags("Portal session");
        account.MapGet("/login", ShowForm)
            .RequireAccess(Access.Anonymous)
            .WithSummary("The login form (Username, Password, Log in)");
        account.MapPost("/login", LoginAsync)
            .RequireAccess(Access.Anonymous)
            .RequireRateLimiting(Security.RateLimits.Login)
            .Accepts<LoginForm>("application/x-www-form-urlencoded")
            .WithSummary("Log in with the form; sets the session cookie and redirects to ReturnUrl (a local path)");
        account.MapPost("/logout", LogoutAsync)
            .RequireAccess(Access.Anonymous)
            .WithSummary("Log out: ends the portal session (form post with its antiforgery token)");
        return app;
    }

    private static Results<ContentHttpResult, ProblemHttpResult> ShowForm(HttpContext http, IAntiforgery antiforgery, string? returnUrl = null) =>
        returnUrl is null || LoginPage.IsLocal(returnUrl)
            ? Page(antiforgery.GetAndStoreTokens(http), returnUrl ?? "/", null, StatusCodes.Status200OK)
            : TypedResults.Problem("returnUrl must be a path on this site.", statusCode: StatusCodes.Status400BadRequest);

    private static async Task<Results<RedirectHttpResult, ContentHttpResult, ProblemHttpResult>> LoginAsync(
        HttpContext http, IAntiforgery antiforgery, PasswordLogin login, CancellationToken cancellationToken)
    {
        if (await CheckFormAsync(http, antiforgery) is { } refusal)
        {
            return refusal;
        }
        var form = await http.Request.ReadFormAsync(cancellationToken);
        PortalForm.RefuseControlCharacters(form);
        var returnUrl = LoginPage.LocalOrRoot(form["ReturnUrl"]);
        var user = await login.LoginAsync(form["Username"], form["Password"], "portal", AuditEntry.AddressOf(http), cancellationToken);
        if (user is null)
        {
            const string Wrong = "Wrong username or password, or the account is locked after too many wrong passwords.";
            return WantsHtml(http)
                ? Page(antiforgery.GetAndStoreTokens(http), returnUrl, Wrong, StatusCodes.Status401Unauthorized)
                : TypedResults.Problem(Wrong, statusCode: StatusCodes.Status401Unauthorized);
        }
        await http.SignInAsync(CookieSession.SchemeName, CookieSession.Principal(user));
        return TypedResults.Redirect(returnUrl);
    }

    private static async Task<Results<RedirectHttpResult, ProblemHttpResult>> LogoutAsync(
        HttpContext http, IAntiforgery antiforgery, AuditLog audit, CancellationToken cancellationToken)
    {
        if (await CheckFormAsync(http, antiforgery) is { } refusal)
        {
            return refusal;
        }
        var session = await http.AuthenticateAsync(CookieSession.SchemeName);
        if (session.Principal is { } principal && Caller.From(principal) is { } caller)
        {
            await http.SignOutAsync(CookieSession.SchemeName);
            await audit.RecordAsync(AuditEntry.By(caller, http, "user.logged_out", caller.Actor, AuditDetails.Of(("via", "portal"))), cancellationToken);
        }
        return TypedResults.Redirect(CookieSession.LoginPath);
    }

    private static async Task<ProblemHttpResult?> CheckFormAsync(HttpContext http, IAntiforgery antiforgery)
    {
        if (!http.Request.HasFormContentType)
        {
            return TypedResults.Problem("Send the form as application/x-www-form-urlencoded.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }
        try
        {
            await antiforgery.ValidateRequestAsync(http);
            return null;
        }
        catch (AntiforgeryValidationException)
        {
            return TypedResults.Problem("The form's antiforgery token is missing or stale; load the login page again.", statusCode: StatusCodes.Status400BadRequest);
        }
        catch (InvalidDataException)
        {
            return TypedResults.Problem("The form could not be read.", statusCode: StatusCodes.Status400BadRequest);
        }
    }

    private static bool WantsHtml(HttpContext http) => http.Request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);

    private static ContentHttpResult Page(AntiforgeryTokenSet tokens, string returnUrl, string? error, int status) =>
        TypedResults.Content(LoginPage.Render(tokens, returnUrl, error), "text/html; charset=utf-8", statusCode: status);
}
