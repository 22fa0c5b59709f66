using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GridMeter.Server.Tests.Accounts;

/// <summary>Drives the portal's login form as a browser would: load the page, post the form with its antiforgery token.</summary>
public static partial class Portal
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A client that keeps cookies and does not follow redirects, so a test sees them.</summary>
    public static HttpClient Browser(GridMeterApp app, bool https = false) => app.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        BaseAddress = new Uri(https ? "https://localhost" : "http://localhost"),
    });

    public static async Task<string> FormTokenAsync(HttpClient browser, string page = "/account/login")
    {
        var html = await browser.GetStringAsync(page, Cancel);
        return WebUtility.HtmlDecode(TokenField().Match(html).Groups[1].Value);
    }

    public static async Task<HttpResponseMessage> LogInAsync(HttpClient browser, string username, string password, string? returnUrl = null)
    {
        var token = await FormTokenAsync(browser);
        return await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Username"] = username,
            ["Password"] = password,
            ["ReturnUrl"] = returnUrl ?? "/",
        }), Cancel);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
