using GridMeter.Server.Auth;
using Microsoft.AspNetCore.Antiforgery;

namespace GridMeter.Server.WebPortal;

/// <summary>What every portal page needs besides its own data: who is looking, the form token, and where they are.</summary>
public sealed record PortalView(Caller Caller, string TokenField, string Token, string Path)
{
    public static PortalView For(HttpContext http, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return new PortalView(Caller.From(http.User)!, tokens.FormFieldName, tokens.RequestToken ?? "", http.Request.Path);
    }
}
