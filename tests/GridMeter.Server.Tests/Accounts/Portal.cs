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

    /// <summary>A browser logged in as one of the <see cref="World"/>'s people.</summary>
    public static async Task<HttpClient> BrowserOfAsync(GridMeterApp app, string username)
    {
        var browser = Browser(app);
        var login = await LogInAsync(browser, username, World.Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return browser;
    }

    /// <summary>A plain HTML form's body (application/x-www-form-urlencoded).</summary>
    public static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
