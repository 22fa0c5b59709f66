using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;

namespace GridMeter.Server.Auth;

/// <summary>
/// The plain login form served at GET /account/login until the portal brings its own: fields
/// "Username" and "Password", a "Log in" button and the antiforgery token. No script, no inline
/// style, so it works under the strict Content-Security-Policy.
/// </summary>
public static class LoginPage
{
    public static string Render(AntiforgeryTokenSet tokens, string? returnUrl, string? error)
    {
        var html = HtmlEncoder.Default;
        var message = error is null ? "" : $"<p role=\"alert\">{html.Encode(error)}</p>";
        return $"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>GridMeter — log in</title></head>
            <body>
            <main>
            <h1>GridMeter</h1>
            {message}
            <form method="post" action="{CookieSession.LoginPath}">
            <input type="hidden" name="{html.Encode(tokens.FormFieldName)}" value="{html.Encode(tokens.RequestToken ?? "")}">
            <input type="hidden" name="ReturnUrl" value="{html.Encode(returnUrl ?? "/")}">
            <p><label for="username">Username</label><br><input id="username" name="Username" autocomplete="username" required maxlength="64"></p>
            <p><label for="password">Password</label><br><input id="password" name="Password" type="password" autocomplete="current-password" required maxlength="1024"></p>
            <p><button type="submit">Log in</button></p>
            </form>
            </main>
            </body>
            </html>
            """;
    }

    /// <summary>Only paths on this site ("/…", not "//host" or "/\host"), so the login cannot redirect elsewhere.</summary>
    public static string LocalOrRoot(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl) ? url : "/";
}
