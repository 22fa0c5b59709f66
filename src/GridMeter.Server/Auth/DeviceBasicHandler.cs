using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using GridMeter.Server.Meters;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace GridMeter.Server.Auth;

/// <summary>
/// Authenticates a device over HTTP: Basic meterId:deviceSecret (CONTRACT section 3). The meter id
/// becomes the principal's name; whether it may write to the meter in the URL is the endpoint's call.
/// </summary>
public sealed class DeviceBasicHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, MeterDirectory meters)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Device";
    public const string MeterClaim = "gm:meter";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        if (!TryDecode(header["Basic ".Length..].Trim(), out var meterId, out var secret))
        {
            return AuthenticateResult.Fail("malformed Basic credentials");
        }
        var meter = await meters.FindAsync(meterId, Context.RequestAborted);
        if (meter is null || !DeviceSecret.Matches(secret, meter.SecretHash))
        {
            return AuthenticateResult.Fail("wrong meter id or secret");
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, meter.Id), new Claim(MeterClaim, meter.Id)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Basic realm=\"GridMeter devices\"";
        return Task.CompletedTask;
    }

    private static bool TryDecode(string encoded, out string meterId, out string secret)
    {
        meterId = secret = "";
        if (encoded.Length > 512)
        {
            return false;
        }
        Span<byte> bytes = stackalloc byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, bytes, out var written))
        {
            return false;
        }
        var text = Encoding.UTF8.GetString(bytes[..written]);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }
        (meterId, secret) = (text[..colon], text[(colon + 1)..]);
        return true;
    }
}
