using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace GridMeter.Server.Tests.Accounts;

/// <summary>The portal's form login: a session cookie, antiforgery on every change, logout, and what ends a session.</summary>
public sealed class PortalSessionTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Logging_in_with_the_form_sets_a_strict_http_only_cookie_that_opens_the_api()
    {
        await using var app = await GridMeterApp.StartAsync();
        using var browser = Portal.Browser(app, https: true);

        var response = await Portal.LogInAsync(browser, "admin", GridMeterApp.AdminPassword, returnUrl: "/meters?page=2");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/meters?page=2", response.Headers.Location?.OriginalString);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("gridmeter.session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        var me = await browser.GetFromJsonAsync<JsonElement>("/api/v1/me", Cancel);
        Assert.Equal("admin", me.GetProperty("username").GetString());
    }

    [Theory]
    [InlineData("//evil.example/steal")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("javascript:alert(1)")]
    public async Task A_return_address_off_this_site_is_replaced_by_the_start_page(string returnUrl)
    {
        await using var app = await GridMeterApp.StartAsync();
        using var browser = Portal.Browser(app);

        var response = await Portal.LogInAsync(browser, "admin", GridMeterApp.AdminPassword, returnUrl);

        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_form_without_its_antiforgery_token_is_refused_and_logs_nobody_in()
    {
        await using var app = await GridMeterApp.StartAsync();
        using var browser = Portal.Browser(app);
        await Portal.FormTokenAsync(browser);

        var response = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Username"] = "admin",
            ["Password"] = GridMeterApp.AdminPassword,
        }), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("gridmeter.session=", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/me", Cancel)).StatusCode);
    }

    [Fact]
    public async Task A_browser_with_a_wrong_password_gets_the_form_again_with_the_reason()
    {
        await using var app = await GridMeterApp.StartAsync();
        using var browser = Portal.Browser(app);
        browser.DefaultRequestHeaders.Accept.ParseAdd("text/html");

        var response = await Portal.LogInAsync(browser, "admin", "not the password");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await response.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("Wrong username or password", page);
        Assert.Contains("<button type=\"submit\">Log in</button>", page);
        Assert.Contains("name=\"Username\"", page);
        Assert.Contains("name=\"Password\"", page);
    }

    [Fact]
    public async Task Logging_out_ends_the_session()
    {
        await using var app = await GridMeterApp.StartAsync();
        using var browser = Portal.Browser(app);
        await Portal.LogInAsync(browser, "admin", GridMeterApp.AdminPassword);
        var token = await Portal.FormTokenAsync(browser);

        var response = await browser.PostAsync("/account/logout", Form(token), Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/me", Cancel)).StatusCode);
        using var admin = await app.AdminAsync();
        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=user.logged_out", Cancel);
        var entry = Assert.Single(audit.GetProperty("items").EnumerateArray());
        Assert.Equal(("user:admin", "{\"via\":\"portal\"}"), (entry.GetProperty("actor").GetString(), entry.GetProperty("details").GetString()));
    }

    [Fact]
    public async Task A_change_made_with_the_session_cookie_needs_the_antiforgery_token()
    {
        await using var app = await GridMeterApp.StartAsync();
        using var browser = Portal.Browser(app);
        await Portal.LogInAsync(browser, "admin", GridMeterApp.AdminPassword);
        var token = await Portal.FormTokenAsync(browser);
        var body = new { email = "admin@example.org", mobile = (string?)null };

        var forged = await browser.PutAsJsonAsync("/api/v1/me/profile", body, Cancel);
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/me/profile") { Content = JsonContent.Create(body) };
        request.Headers.Add("RequestVerificationToken", token);
        var genuine = await browser.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
    }

    [Fact]
    public async Task A_password_change_ends_every_portal_session()
    {
        await using var app = await GridMeterApp.StartAsync();
        using var browser = Portal.Browser(app);
        await Portal.LogInAsync(browser, "admin", GridMeterApp.AdminPassword);
        using var api = await app.AdminAsync();

        await api.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = GridMeterApp.AdminPassword, newPassword = "another long password" }, Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/me", Cancel)).StatusCode);
    }

    [Fact]
    public async Task A_session_survives_a_restart_because_its_keys_are_kept_in_the_data_directory()
    {
        var app = await GridMeterApp.StartAsync();
        var cookie = "";
        using (var browser = Portal.Browser(app))
        {
            var login = await Portal.LogInAsync(browser, "admin", GridMeterApp.AdminPassword);
            cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("gridmeter.session=", StringComparison.Ordinal)).Split(';')[0];
        }

        await using var restarted = await app.RestartAsync();

        Assert.NotEmpty(Directory.GetFiles(Path.Combine(restarted.DataDir, "keys"), "key-*.xml"));
        using var again = restarted.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await again.SendAsync(request, Cancel)).StatusCode);
    }

    [Fact]
    public async Task An_idle_session_ends_after_the_configured_time()
    {
        await using var app = await GridMeterApp.StartAsync(settings: new() { ["GridMeter:Auth:SessionMinutes"] = "30" });
        using var browser = Portal.Browser(app);
        await Portal.LogInAsync(browser, "admin", GridMeterApp.AdminPassword);

        app.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/me", Cancel)).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/me", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Json_sent_to_the_form_endpoint_is_refused_as_the_wrong_content_type()
    {
        await using var app = await GridMeterApp.StartAsync();
        using var browser = Portal.Browser(app);

        var response = await browser.PostAsync(
            "/account/login", new StringContent("{\"Username\":\"admin\"}", Encoding.UTF8, "application/json"), Cancel);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static FormUrlEncodedContent Form(string token) => new(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
}
