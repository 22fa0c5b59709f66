using System.Diagnostics;
using System.Net;
using Dapper;
using GridMeter.Server.Storage;
using GridMeter.Server.Tests.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace GridMeter.Server.Tests.WebPortal;

/// <summary>The portal's pages over HTTP: sessions, scoping, refused input, and speed with a large fleet.</summary>
public sealed class PortalPagesTests
{
    private const int FleetSize = 10_000;

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

    [Fact]
    public async Task The_meter_list_shows_any_page_of_ten_thousand_meters_in_under_200_ms()
    {
        await using var app = await GridMeterApp.StartAsync();
        await SeedFleetAsync(app);
        using var browser = Portal.Browser(app);
        await Portal.LogInAsync(browser, "admin", GridMeterApp.AdminPassword);

        var timings = new List<double>();
        string last = "";
        foreach (var page in new[] { "/portal/meters", "/portal/meters?page=150", "/portal/meters?health=online&page=80", "/portal/meters?q=MTR-0999" })
        {
            for (var round = 0; round < 6; round++)
            {
                var clock = Stopwatch.StartNew();
                last = await browser.GetStringAsync(page, Cancel);
                if (round > 0)
                {
                    timings.Add(clock.Elapsed.TotalMilliseconds);
                }
            }
        }

        Assert.Contains("MTR-09990", last);
        Assert.Contains("10 meters; page 1 of 1.", last);
        timings.Sort();
        var median = timings[timings.Count / 2];
        Assert.True(median < 200, $"median {median:0} ms over {timings.Count} page loads (max {timings[^1]:0} ms)");
    }

    [Fact]
    public async Task The_meter_list_counts_filters_and_pages_within_the_callers_scope()
    {
        await using var app = await GridMeterApp.StartAsync();
        await SeedFleetAsync(app);
        using var browser = Portal.Browser(app);
        await Portal.LogInAsync(browser, "admin", GridMeterApp.AdminPassword);

        var online = await browser.GetStringAsync("/portal/meters?health=online&page=100", Cancel);

        Assert.Contains($"{FleetSize / 2} meters; page 100 of 100.", online);
        Assert.Contains("MTR-09998", online);
        Assert.DoesNotContain("MTR-09999", online);
        Assert.Contains("rel=\"prev\"", online);
        Assert.DoesNotContain("rel=\"next\"", online);
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

        var forged = await browser.PostAsync("/portal/profile", Form(("Email", "evil@example.org")), Cancel);
        var token = await Portal.FormTokenAsync(browser, "/portal/profile");
        var saved = await browser.PostAsync("/portal/profile", Form(("__RequestVerificationToken", token), ("Email", "ops@example.org")), Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/portal/profile?saved=1", saved.Headers.Location?.OriginalString);
        var page = await browser.GetStringAsync("/portal/profile?saved=1", Cancel);
        Assert.Contains("value=\"ops@example.org\"", page);
        Assert.Contains("Profile saved.", page);
    }

    [Fact]
    public async Task A_wrong_e_mail_shows_the_form_again_with_the_reason()
    {
        await using var app = await GridMeterApp.StartAsync();
        using var browser = Portal.Browser(app);
        await Portal.LogInAsync(browser, "admin", GridMeterApp.AdminPassword);
        var token = await Portal.FormTokenAsync(browser, "/portal/profile");

        var response = await browser.PostAsync("/portal/profile", Form(("__RequestVerificationToken", token), ("Email", "not an address")), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("role=\"alert\"", page);
        Assert.Contains("value=\"not an address\"", page);
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    /// <summary>10,000 meters of one supplier in one transaction; every other one has reported itself online.</summary>
    private static async Task SeedFleetAsync(GridMeterApp app)
    {
        using var admin = await app.AdminAsync();
        await World.SendAsync(admin, "/api/v1/organisations", new { id = "acme", name = "ACME", kind = "supplier" });
        var database = app.Services.GetRequiredService<IDatabase>();
        await using var connection = await database.OpenAsync(Cancel);
        await using var transaction = await connection.BeginTransactionAsync(Cancel);
        var meters = Enumerable.Range(0, FleetSize).Select(i => new { id = $"MTR-{i:00000}", secret = new byte[32] }).ToList();
        await connection.ExecuteAsync(
            """
            INSERT INTO meters (id, time_zone, phases, secret_hash, supplier_id, reading_period_minutes, max_current_a, nominal_voltage_v, created_at)
            VALUES (@id, 'Europe/Rome', 1, @secret, 'acme', 15, 63, 230, 0)
            """, meters, transaction);
        await connection.ExecuteAsync(
            """
            INSERT INTO meter_status (meter_key, online, last_seen)
            SELECT key, @online, 1795000000000 FROM meters WHERE id LIKE 'MTR-%' AND CAST(SUBSTR(id, 5) AS INTEGER) % 2 = 0
            """, new { online = true }, transaction);
        await transaction.CommitAsync(Cancel);
    }
}
