using System.Security.Claims;
using GridMeter.Server.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace GridMeter.Server.Auth;

/// <summary>
/// The portal's login session: an encrypted, HttpOnly, SameSite=Strict cookie (Secure under TLS)
/// holding the user and their security stamp. Each request checks the stamp against the store,
/// so a password change ends every session at once. API calls get 401/403, never a redirect.
/// </summary>
public sealed class CookieSession(IOptions<AuthOptions> auth, TimeProvider clock) : IConfigureNamedOptions<CookieAuthenticationOptions>
{
    public const string SchemeName = "Cookies";
    public const string CookieName = "gridmeter.session";
    public const string StampClaim = "gm:stamp";
    public const string LoginPath = "/account/login";

    public void Configure(string? name, CookieAuthenticationOptions options)
    {
        if (name != SchemeName)
        {
            return;
        }
        options.Cookie.Name = CookieName;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.ExpireTimeSpan = TimeSpan.FromMinutes(auth.Value.SessionMinutes);
        options.SlidingExpiration = true;
        options.TimeProvider = clock;
        options.LoginPath = LoginPath;
        options.LogoutPath = "/account/logout";
        options.Events.OnValidatePrincipal = ValidateAsync;
        options.Events.OnRedirectToLogin = context => Refuse(context, StatusCodes.Status401Unauthorized);
        options.Events.OnRedirectToAccessDenied = context => Refuse(context, StatusCodes.Status403Forbidden);
    }

    public void Configure(CookieAuthenticationOptions options) => Configure(Options.DefaultName, options);

    public static ClaimsPrincipal Principal(UserAccount user) =>
        new Caller(user.Key, user.Username, user.Role, user.OrganisationId).ToPrincipal(SchemeName, new Claim(StampClaim, user.SecurityStamp));

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var caller = context.Principal is null ? null : Caller.From(context.Principal);
        var stamp = context.Principal?.FindFirstValue(StampClaim);
        var users = context.HttpContext.RequestServices.GetRequiredService<UserAccounts>();
        var user = caller is null ? null : await users.FindAsync(caller.UserKey, context.HttpContext.RequestAborted);
        if (user is null || user.SecurityStamp != stamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(SchemeName);
        }
        else if (user.Role != caller!.Role || user.OrganisationId != caller.OrganisationId)
        {
            context.ReplacePrincipal(Principal(user));
            context.ShouldRenew = true;
        }
    }

    // Pages of the portal are sent to the login form; the API answers with a status code.
    private static Task Refuse(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }
        return Task.CompletedTask;
    }
}
