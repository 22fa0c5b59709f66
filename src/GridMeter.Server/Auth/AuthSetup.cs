using GridMeter.Server.ApiKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace GridMeter.Server.Auth;

public static class AuthSetup
{
    /// <summary>The policy scheme that picks bearer token, API key or portal cookie for each request.</summary>
    public const string SchemeName = "GridMeter";

    /// <summary>Kept for endpoints written before <see cref="AccessConventions.RequireAccess"/>; use <see cref="Access.Device"/>.</summary>
    public const string DevicePolicy = AccessPolicies.Device;

    public static IHostApplicationBuilder AddAuth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<AccessTokens>();
        builder.Services.AddSingleton<PasswordLogin>();
        builder.Services.AddSingleton<IAuthorizationHandler, AccessHandler>();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, AccessResultHandler>();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<CookieAuthenticationOptions>, CookieSession>();
        builder.Services.AddDataProtection().SetApplicationName("GridMeter");
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<KeyManagementOptions>, DataProtectionKeys>();
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "gridmeter.antiforgery";
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        builder.Services.AddAuthentication(SchemeName)
            .AddPolicyScheme(SchemeName, "Bearer token, API key or portal session", options => options.ForwardDefaultSelector = SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeyHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, DeviceBasicHandler>(DeviceBasicHandler.SchemeName, null)
            .AddCookie(CookieSession.SchemeName);

        // One policy for people, used by every endpoint, and the default one. The fallback (for an
        // endpoint with no authorization metadata at all) checks the AccessRule alone: an endpoint
        // that declares none is refused rather than open.
        var people = new AuthorizationPolicyBuilder(SchemeName).RequireAuthenticatedUser().AddRequirements(AccessRequirement.Instance).Build();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AccessPolicies.People, people)
            .SetDefaultPolicy(people)
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(SchemeName).AddRequirements(AccessRequirement.Instance).Build())
            .AddPolicy(AccessPolicies.Device, policy => policy
                .AddAuthenticationSchemes(DeviceBasicHandler.SchemeName)
                .RequireClaim(DeviceBasicHandler.MeterClaim)
                .AddRequirements(AccessRequirement.Instance));
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, AuthJson.Default));
        return builder;
    }

    // Explicit credentials win; otherwise the portal cookie; otherwise the API asks for a bearer
    // token (401 with WWW-Authenticate) and pages send the browser to the login form.
    private static string SelectScheme(HttpContext http)
    {
        if (http.Request.Headers.ContainsKey(ApiKeyHandler.HeaderName))
        {
            return ApiKeyHandler.SchemeName;
        }
        if (http.Request.Headers.Authorization.Count > 0 || http.Request.Path.StartsWithSegments("/api") && !http.Request.Cookies.ContainsKey(CookieSession.CookieName))
        {
            return BearerTokenHandler.SchemeName;
        }
        return CookieSession.SchemeName;
    }
}
