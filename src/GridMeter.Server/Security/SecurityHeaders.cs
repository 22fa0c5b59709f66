using System.Globalization;
using Microsoft.Extensions.Options;

namespace GridMeter.Server.Security;

/// <summary>
/// Headers on every response: Content-Security-Policy (with frame-ancestors), no MIME sniffing,
/// no framing, no referrer, and HSTS on HTTPS. Applied just before the response starts, so they
/// survive whatever cleared the response on the way (an error answer, a refused request).
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next, IOptions<SecurityOptions> options)
{
    public Task InvokeAsync(HttpContext http)
    {
        http.Response.OnStarting(Apply, http);
        return next(http);
    }

    private Task Apply(object state)
    {
        var http = (HttpContext)state;
        var settings = options.Value;
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = settings.ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        if (http.Request.IsHttps && settings.HstsDays > 0)
        {
            headers.StrictTransportSecurity = string.Create(CultureInfo.InvariantCulture, $"max-age={settings.HstsDays * 86400}; includeSubDomains");
        }
        return Task.CompletedTask;
    }
}
