using System.Net;
using System.Net.Http.Json;
using System.Text;
using GridMeter.Server.Tests.Readings;
using NodaTime;

namespace GridMeter.Server.Tests.Security;

/// <summary>Security headers on every answer, and rate limits on logins and ingest.</summary>
public sealed class SecurityTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/health")]
    [InlineData("/account/login")]
    [InlineData("/api/v1/meters")]
    [InlineData("/no/such/page")]
    public async Task Every_answer_carries_the_security_headers_and_hsts_only_over_https(string path)
    {
        await using var app = await GridMeterApp.StartAsync();
        using var plain = app.CreateClient();
        using var secure = Accounts.Portal.Browser(app, https: true);

        var overHttp = await plain.GetAsync(path, Cancel);
        var overHttps = await secure.GetAsync(path, Cancel);

        foreach (var response in new[] { overHttp, overHttps })
        {
            Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        }
        Assert.False(overHttp.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal("max-age=31536000; includeSubDomains", overHttps.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task Refusals_and_unreadable_requests_carry_the_security_headers_too()
    {
        await using var app = await GridMeterApp.StartAsync();
        using var admin = await app.AdminAsync();

        var malformed = await admin.PostAsync("/api/v1/organisations", new StringContent("{\"id\":", Encoding.UTF8, "application/json"), Cancel);
        var forbidden = await app.CreateClient().PostAsJsonAsync("/api/v1/organisations", new { id = "x" }, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forbidden.StatusCode);
        foreach (var response in new[] { malformed, forbidden })
        {
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        }
    }

    [Fact]
    public async Task Logins_beyond_the_configured_rate_get_429_with_retry_after()
    {
        await using var app = await GridMeterApp.StartAsync(settings: new() { ["GridMeter:RateLimits:LoginPerMinute"] = "3" });
        using var client = app.CreateClient();

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "admin", password = "guess" }, Cancel));
        }

        Assert.Equal([401, 401, 401, 429], answers.Select(a => (int)a.StatusCode));
        Assert.Equal("application/problem+json", answers[3].Content.Headers.ContentType?.MediaType);
        Assert.True(answers[3].Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task Ingest_is_limited_per_meter_so_one_busy_meter_does_not_hold_up_the_others()
    {
        await using var app = await GridMeterApp.StartAsync(settings: new() { ["GridMeter:RateLimits:IngestPerMeterPerMinute"] = "2" });
        using var busy = await app.DeviceAsync("MTR-BUSY");
        using var quiet = await app.DeviceAsync("MTR-QUIET");
        var body = ReadingsApiTests.ToJson(ReadingsApiTests.DaySnapshots("Europe/Rome", new LocalDate(2026, 11, 20), 0)[..2]);

        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((int)(await busy.PostAsync("/api/v1/meters/MTR-BUSY/readings", Json(body), Cancel)).StatusCode);
        }
        var other = await quiet.PostAsync("/api/v1/meters/MTR-QUIET/readings", Json(body), Cancel);

        Assert.Equal([202, 202, 429], statuses);
        Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
    }

    [Fact]
    public async Task The_default_ingest_limit_lets_a_meter_catch_up_after_an_outage()
    {
        await using var app = await GridMeterApp.StartAsync();
        using var device = await app.DeviceAsync("MTR-1");
        var day = ReadingsApiTests.DaySnapshots("Europe/Rome", new LocalDate(2026, 11, 20), 0);

        var statuses = new List<HttpStatusCode>();
        foreach (var chunk in day.Chunk(1))
        {
            statuses.Add((await device.PostAsync("/api/v1/meters/MTR-1/readings", Json(ReadingsApiTests.ToJson(chunk)), Cancel)).StatusCode);
        }

        Assert.Equal(97, statuses.Count);
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Accepted, s));
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
