using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Antiforgery;

namespace GridMeter.Server.Auth;

/// <summary>
/// The plain login form served at GET /account/login until the portal brings its own: fields
/// "Username" and "Password", a "Log in" button and the antiforgery token. No script, no inline
/// style, so it works under the strict Content-Security-Policy.
/// </summary>
public static partial class LoginPage
{
    public static string Render(AntiforgeryTokenSet tokens, string? returnUrl, string? error)
    {
        var html = HtmlEncoder.Default;
        var message = error is null ? "" : $"<p role=\"alert\">{html.Encode(error)}</p>";
        return $"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>GridMeter — log in</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/portal.css"></head>
            <body>
            <main>
            <h1>GridMeter</h1>
            {message}
            <form method="post" action="{CookieSession.LoginPath}" class="stacked">
            <input type="hidden" name="{html.Encode(tokens.FormFieldName)}" value="{html.Encode(tokens.RequestToken ?? "")}">
            <input type="hidden" name="ReturnUrl" value="{html.Encode(returnUrl ?? "/")}">
            <p><label for="username">Username</label><input id="username" name="Username" autocomplete="username" required maxlength="64"></p>
            <p><label for="password">Password</label><input id="password" name="Password" type="password" autocomplete="current-password" required maxlength="1024"></p>
            <p><button type="submit">Log in</button></p>
            </form>
            </main>
            </body>
            </html>
            """;
    }

    /// <summary>A path on this site ("/…", not "//host" or "/\host") of plain URL characters, so the login cannot redirect elsewhere.</summary>
    public static bool IsLocal(string? url) => url is not null && LocalPath().IsMatch(url);

    public static string LocalOrRoot(string? url) => IsLocal(url) ? url! : "/";

    [GeneratedRegex(@"^/(?![/\\])[A-Za-z0-9\-._~/?&=%+:@,]{0,2000}\z", RegexOptions.CultureInvariant)]
    private static partial Regex LocalPath();
}
