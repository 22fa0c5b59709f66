using System.Text;
using GridMeter.Domain.Meters;
using GridMeter.Server.Auth;
using GridMeter.Server.Meters;
using Microsoft.AspNetCore.Authentication;

namespace GridMeter.Server.Soap;

/// <summary>
/// Who sent a SOAP call: a bearer token or API key as on the REST API; otherwise HTTP Basic or a
/// WS-Security UsernameToken, holding either a meter id and its device secret or a username and
/// password (checked with lockout, like every login).
/// </summary>
public sealed class SoapAuthentication(MeterDirectory meters, PasswordLogin logins)
{
    public async Task<(Caller? Person, Meter? Device)> AuthenticateAsync(
        HttpContext http, (string User, string Password)? token, CancellationToken cancellationToken)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (http.Request.Headers.ContainsKey(ApiKeys.ApiKeyHandler.HeaderName) || header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var result = await http.AuthenticateAsync(AuthSetup.SchemeName);
            return (result.Succeeded ? Caller.From(result.Principal) : null, null);
        }
        var credentials = token ?? Basic(header);
        if (credentials is not { } pair || pair.User.Length is 0 or > 200 || pair.Password.Length is 0 or > 1024)
        {
            return (null, null);
        }
        if (MeterId.IsValid(pair.User) && await meters.FindAsync(pair.User, cancellationToken) is { } meter && DeviceSecret.Matches(pair.Password, meter.SecretHash))
        {
            return (null, meter);
        }
        var account = await logins.LoginAsync(pair.User, pair.Password, "soap", http.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        return (account is null ? null : new Caller(account.Key, account.Username, account.Role, account.OrganisationId), null);
    }

    private static (string User, string Password)? Basic(string header)
    {
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) || header.Length > 2048)
        {
            return null;
        }
        var encoded = header["Basic ".Length..].Trim();
        var bytes = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, bytes, out var written))
        {
            return null;
        }
        var text = Encoding.UTF8.GetString(bytes, 0, written);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon <= 0 ? null : (text[..colon], text[(colon + 1)..]);
    }
}
