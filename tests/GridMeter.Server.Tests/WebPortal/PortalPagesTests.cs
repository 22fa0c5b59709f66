using System.Net;
using GridMeter.Server.Tests.Accounts;

namespace GridMeter.Server.Tests.WebPortal;

/// <summary>The portal's pages over HTTP: sessions, refused input, forms.</summary>
public sealed class PortalPagesTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_browser_without_a_session_is_sent_to_the_login_form_with_the_page_to_return_to()
    {
        await using var app = await GridMeterApp.StartAsync();
        using var browser = Portal.Browser(app);

        var response = await browser.GetAsync("/portal/meters?page=2", Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login?ReturnUrl=%2Fportal%2Fmeters%3Fpage%3D2", response.Headers.Location?.PathAndQuery);
    }

    [Theory]
    [InlineData("/portal/meters?q=%00")]
    [InlineData("/portal/meters?q=%27%20OR%20%271%27%3D%271")]
    [InlineData("/portal/meters?health=sideways")]
    [InlineData("/portal/meters?page=0")]
    [InlineData("/portal/meters?page=abc")]
    [InlineData("/portal/meters?page=99999999999")]
    [InlineData("/portal/network/B-1?from=yesterday")]
    [InlineData("/portal/network/B-1?from=2026-01-01&to=2026-12-01")]
    [InlineData("/portal/admin/users?offset=-5")]
    [InlineData("/portal/admin/audit?before=x")]
    public async Task Garbage_in_the_query_string_is_refused_with_a_problem_document(string path)
    {
        await using var app = await GridMeterApp.StartAsync();
        using var admin = await app.AdminAsync();
        await World.SendAsync(admin, "/api/v1/organisations", new { id = "acme", name = "ACME", kind = "supplier" });
        await World.SendAsync(admin, "/api/v1/meters", new { id = "MTR-1", timeZone = "Europe/Rome", supplierId = "acme" });
        await World.SendAsync(admin, "/api/v1/grid/nodes", new { id = "B-1", kind = "building", mainMeterId = "MTR-1" });
        using var browser = Portal.Browser(app);
        await Portal.LogInAsync(browser, "admin", GridMeterApp.AdminPassword);

        var response = await browser.GetAsync(path, Cancel);

        Assert.True((int)response.StatusCode is 400 or 200, $"{path} answered {(int)response.StatusCode}");
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task The_profile_form_needs_its_antiforgery_token_and_then_saves()
    {
        await using var app = await GridMeterApp.StartAsync();
        using var browser = Portal.Browser(app);
        await Portal.LogInAsync(browser, "admin", GridMeterApp.AdminPassword);

        var forged = await browser.PostAsync("/portal/profile", Portal.Form(("Email", "evil@example.org")), Cancel);
        var token = await Portal.FormTokenAsync(browser, "/portal/profile");
        var saved = await browser.PostAsync("/portal/profile", Portal.Form(("__RequestVerificationToken", token), ("Email", "ops@example.org")), Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/portal/profile?saved=1", saved.Headers.Location?.OriginalString);
        var page = await browser.GetStringAsync("/portal/profile?saved=1", Cancel);
        Assert.Contains("value=\"ops@example.org\"", page);
        Assert.Contains("Profile saved.", page);
    }

    [Theory]
    [InlineData(StorageBackend.Sqlite, "\0")]
    [InlineData(StorageBackend.Postgres, "\0")]
    [InlineData(StorageBackend.Sqlite, "\u0007")]
    public async Task A_control_character_in_a_form_field_is_a_bad_request_that_changes_nothing(StorageBackend storage, string control)
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        using var browser = Portal.Browser(app);
        await Portal.LogInAsync(browser, "admin", GridMeterApp.AdminPassword);
        var token = await Portal.FormTokenAsync(browser, "/portal/profile");
        using var stranger = Portal.Browser(app);

        var profile = await browser.PostAsync("/portal/profile", Portal.Form(("__RequestVerificationToken", token), ("Email", $"ops{control}@example.org")), Cancel);
        var login = await Portal.LogInAsync(stranger, $"admin{control}", GridMeterApp.AdminPassword);

        Assert.Equal(HttpStatusCode.BadRequest, profile.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);
        Assert.Equal("application/problem+json", profile.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("ops", await browser.GetStringAsync("/portal/profile", Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_e_mail_shows_the_form_again_with_the_reason()
    {
        await using var app = await GridMeterApp.StartAsync();
        using var browser = Portal.Browser(app);
        await Portal.LogInAsync(browser, "admin", GridMeterApp.AdminPassword);
        var token = await Portal.FormTokenAsync(browser, "/portal/profile");

        var response = await browser.PostAsync("/portal/profile", Portal.Form(("__RequestVerificationToken", token), ("Email", "not an address")), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("role=\"alert\"", page);
        Assert.Contains("value=\"not an address\"", page);
    }
}
