using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace GridMeter.Server.ApiKeys;

/// <summary>Authenticates "X-Api-Key: gmk_…" against the stored key hashes.</summary>
public sealed class ApiKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? key = Request.Headers[HeaderName];
        if (string.IsNullOrEmpty(key))
        {
            return AuthenticateResult.NoResult();
        }
        var caller = await keys.ValidateAsync(key.Trim(), Context.RequestAborted);
        return caller is null
            ? AuthenticateResult.Fail("unknown, expired or revoked API key")
            : AuthenticateResult.Success(new AuthenticationTicket(caller.ToPrincipal(SchemeName), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "ApiKey header=\"X-Api-Key\"";
        return Task.CompletedTask;
    }
}
