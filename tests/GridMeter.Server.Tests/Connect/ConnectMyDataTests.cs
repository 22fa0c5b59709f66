using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using GridMeter.Server.Tests.Accounts;
using GridMeter.Server.Tests.GreenButton;

namespace GridMeter.Server.Tests.Connect;

/// <summary>A third-party application completes the OAuth 2 authorisation-code flow, reads only what was granted, and is refused after revocation.</summary>
public sealed class ConnectMyDataTests
{
    private const string Callback = "https://app.example.org/callback";
    private static readonly XNamespace Espi = "http://naesb.org/espi";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_third_party_reads_only_what_was_granted_and_is_refused_after_revocation()
    {
        await using var app = await GridMeterApp.StartAsync();
        var world = await World.CreateAsync(app);
        await GreenButtonTests.SendReadingsAsync(app, world, "MTR-OURS");
        using var admin = await app.AdminAsync();
        var client = await World.SendAsync(admin, "/api/v1/oauth/clients", new { name = "Solar Advisor", redirectUri = Callback });
        var (clientId, clientSecret) = (client.GetProperty("clientId").GetString()!, client.GetProperty("clientSecret").GetString()!);
        using var consumer = await app.ClientForAsync("ours-consumer", World.Password);

        var refused = await consumer.PostAsJsonAsync("/api/v1/me/consents", new
        {
            clientId, redirectUri = Callback, scope = "usage", meterIds = new[] { "MTR-THEIRS" }, from = "2026-11-22T08:00:00Z", to = "2026-11-22T09:00:00Z",
        }, Cancel);
        var consent = await World.SendAsync(consumer, "/api/v1/me/consents", new
        {
            clientId, redirectUri = Callback, scope = "usage", meterIds = new[] { "MTR-OURS" }, from = "2026-11-22T08:00:00Z", to = "2026-11-22T09:00:00Z", state = "s-42",
        });
        var redirect = new Uri(consent.GetProperty("redirectTo").GetString()!);
        var query = System.Web.HttpUtility.ParseQueryString(redirect.Query);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("s-42", query["state"]);

        using var thirdParty = app.CreateClient();
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = query["code"]!, ["redirect_uri"] = Callback, ["client_id"] = clientId, ["client_secret"] = clientSecret,
        };
        var tokenResponse = await thirdParty.PostAsync("/oauth/token", new FormUrlEncodedContent(form), Cancel);
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("access_token").GetString()!;
        var again = await thirdParty.PostAsync("/oauth/token", new FormUrlEncodedContent(form), Cancel);
        thirdParty.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var feed = await thirdParty.GetStringAsync("/api/v1/espi/greenbutton?from=2026-11-21&to=2026-11-23", Cancel);
        Assert.Empty(EspiSchema.Validate(feed));
        var document = XDocument.Parse(feed);
        Assert.Equal(4, document.Descendants(Espi + "IntervalReading").Count());
        Assert.Empty(document.Descendants(Espi + "UsageSummary"));
        Assert.Single(document.Descendants(Espi + "UsagePoint"));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        var own = XDocument.Parse(await consumer.GetStringAsync("/api/v1/espi/greenbutton?from=2026-11-21&to=2026-11-23", Cancel));
        Assert.Equal(8, own.Descendants(Espi + "IntervalReading").Count());

        (await consumer.PostAsJsonAsync("/api/v1/me/consents/revoke", new { id = consent.GetProperty("id").GetInt64() }, Cancel)).EnsureSuccessStatusCode();
        var afterRevocation = await thirdParty.GetAsync("/api/v1/espi/greenbutton?from=2026-11-21&to=2026-11-23", Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, afterRevocation.StatusCode);
        var listed = await consumer.GetFromJsonAsync<JsonElement>("/api/v1/me/consents", Cancel);
        Assert.NotEqual(JsonValueKind.Null, listed.GetProperty("items")[0].GetProperty("revokedAt").ValueKind);
    }

    [Fact]
    public async Task A_wrong_client_secret_gets_no_token()
    {
        await using var app = await GridMeterApp.StartAsync();
        using var admin = await app.AdminAsync();
        var client = await World.SendAsync(admin, "/api/v1/oauth/clients", new { name = "Solar Advisor", redirectUri = Callback });
        using var thirdParty = app.CreateClient();

        var response = await thirdParty.PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = "guess", ["redirect_uri"] = Callback,
            ["client_id"] = client.GetProperty("clientId").GetString()!, ["client_secret"] = "not the secret",
        }), Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("error").GetString());
    }
}
