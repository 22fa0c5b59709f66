using System.Security.Cryptography;
using GridMeter.Domain.Meters;
using GridMeter.Server.Accounts;
using GridMeter.Server.Audit;
using GridMeter.Server.Auth;
using GridMeter.Server.Consumption;
using GridMeter.Server.GreenButton;
using GridMeter.Server.Meters;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace GridMeter.Server.Connect;

/// <summary>
/// Green Button "Connect My Data": a consumer authorises a registered application to read chosen
/// meters' data for a period (OAuth 2 authorisation code, RFC 6749 §4.1), the application exchanges
/// the code for an access token and reads the Green Button feed, and the consumer can revoke it.
/// </summary>
public static class ConnectApi
{
    public static readonly string[] Scopes = ["usage", "summary"];

    private static readonly Duration CodeLifetime = Duration.FromMinutes(10);
    private static readonly Duration TokenLifetime = Duration.FromHours(1);

    public static IEndpointRouteBuilder MapConnect(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/oauth/clients", CreateClientAsync).WithTags("Connect My Data").RequireAccess(Access.Admin)
            .WithSummary("(admin) Register a third-party application with its redirect URI; the client secret is shown only here");
        var consents = app.MapGroup("/api/v1/me/consents").WithTags("Connect My Data");
        consents.MapPost("/", ConsentAsync).RequireAccess(Access.OwnAccount)
            .WithSummary("Authorise an application to read chosen meters' data (scope: usage and/or summary) within from–to; answers the redirect with a one-time code");
        consents.MapGet("/", ListAsync).RequireAccess(Access.OwnAccount).WithSummary("The applications the caller authorised, revoked ones included");
        consents.MapPost("/revoke", RevokeAsync).RequireAccess(Access.OwnAccount).WithSummary("Revoke an authorisation: its tokens stop working at once");
        app.MapPost("/oauth/token", TokenAsync).WithTags("Connect My Data").RequireAccess(Access.Anonymous).DisableAntiforgery()
            .Accepts<Dictionary<string, string>>("application/x-www-form-urlencoded")
            .WithSummary("OAuth 2 token endpoint: grant_type=authorization_code, code, redirect_uri, client_id, client_secret (form)");
        app.MapGet("/api/v1/espi/greenbutton", FeedAsync).WithTags("Connect My Data").RequireAccess(Access.Anonymous)
            .Produces(StatusCodes.Status200OK, contentType: GreenButtonFeed.ContentType)
            .WithSummary("The Green Button feed for an application with an access token (what the consumer granted, cut to the granted period), or for a logged-in person (their own meters)");
        return app;
    }

    private static async Task<Results<Created<ClientResponse>, ValidationProblem>> CreateClientAsync(
        CreateClientRequest request, HttpContext http, ConnectStore store, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Name is null || !GridMeter.Domain.Text.PlainText.IsValid(request.Name, 200))
        {
            errors["name"] = ["required; 1 to 200 characters of plain text (no markup or quotes)"];
        }
        if (!IsRedirectUri(request.RedirectUri))
        {
            errors["redirectUri"] = ["an absolute https URL (or http on loopback) without a fragment, at most 2000 characters"];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var clientId = "app_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var secret = ConnectStore.NewSecret();
        await store.CreateClientAsync(clientId, request.Name!, request.RedirectUri!, secret, clock.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
        await audit.RecordAsync(AuditEntry.By(Caller.From(http.User)!, http, "oauth_client.registered", $"oauth_client:{clientId}"), cancellationToken);
        return TypedResults.Created($"/api/v1/oauth/clients/{clientId}", new ClientResponse(clientId, request.Name!, request.RedirectUri!, secret));
    }

    private static async Task<Results<Created<ConsentResponse>, ValidationProblem>> ConsentAsync(
        ConsentRequest request, HttpContext http, ConnectStore store, UserLinks links, MeterDirectory meters, AuditLog audit, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        var errors = new Dictionary<string, string[]>();
        var client = request.ClientId is null ? null : await store.FindClientAsync(request.ClientId, cancellationToken);
        if (client is null)
        {
            errors["clientId"] = ["a registered application"];
        }
        else if (request.RedirectUri != client.RedirectUri)
        {
            errors["redirectUri"] = ["must be the redirect URI the application registered"];
        }
        var scopes = (request.Scope ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (scopes.Length == 0 || scopes.Any(s => !Scopes.Contains(s)) || scopes.Distinct().Count() != scopes.Length)
        {
            errors["scope"] = ["usage and/or summary, separated by a space"];
        }
        var linked = (await links.VisibleLinksAsync([caller.UserKey], caller, cancellationToken))[caller.UserKey].Where(l => l.Kind == "meter").Select(l => l.Id).ToHashSet();
        if (request.MeterIds is not { Length: > 0 } meterIds || meterIds.Any(m => m is null || !MeterId.IsValid(m) || !linked.Contains(m)) || meterIds.Distinct().Count() != meterIds.Length)
        {
            errors["meterIds"] = ["one or more of the meters linked to you, each once"];
        }
        var zone = linked.Count > 0 && await meters.FindAsync(linked.First(), cancellationToken) is { } first ? first.TimeZone : DateTimeZone.Utc;
        if (!TimeArgument.TryParse(request.From, zone, out var from) | !TimeArgument.TryParse(request.To, zone, out var to) || to <= from)
        {
            errors["to"] = ["from and to: local dates or RFC 3339 instants, to after from"];
        }
        if (request.State is { Length: > 500 } || request.State?.Any(char.IsControl) == true)
        {
            errors["state"] = ["at most 500 printable characters"];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var code = ConnectStore.NewSecret();
        var key = await store.CreateGrantAsync(client!.Key, caller.UserKey, string.Join(' ', scopes), string.Join(',', request.MeterIds!),
            from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds(), code, (now + CodeLifetime).ToUnixTimeMilliseconds(), now.ToUnixTimeMilliseconds(), cancellationToken);
        await audit.RecordAsync(AuditEntry.By(caller, http, "consent.granted", $"oauth_client:{client.ClientId}", $"grant {key}"), cancellationToken);
        var redirect = $"{client.RedirectUri}{(client.RedirectUri.Contains('?', StringComparison.Ordinal) ? '&' : '?')}code={Uri.EscapeDataString(code)}"
            + (request.State is null ? "" : $"&state={Uri.EscapeDataString(request.State)}");
        return TypedResults.Created($"/api/v1/me/consents/{key}", ConsentResponse.Of((await store.FindGrantAsync(key, cancellationToken))!, redirect));
    }

    private static async Task<Ok<ConsentList>> ListAsync(HttpContext http, ConnectStore store, CancellationToken cancellationToken)
    {
        var grants = await store.GrantsOfUserAsync(Caller.From(http.User)!.UserKey, cancellationToken);
        return TypedResults.Ok(new ConsentList([.. grants.Select(g => ConsentResponse.Of(g))]));
    }

    private static async Task<Results<NoContent, NotFound, ValidationProblem>> RevokeAsync(
        RevokeConsentRequest request, HttpContext http, ConnectStore store, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (request.Id is not > 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = ["the id of one of your consents"] });
        }
        var caller = Caller.From(http.User)!;
        if (!await store.RevokeAsync(request.Id.Value, caller.UserKey, clock.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken))
        {
            return TypedResults.NotFound();
        }
        await audit.RecordAsync(AuditEntry.By(caller, http, "consent.revoked", $"grant:{request.Id}"), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<TokenAnswer>, ProblemHttpResult>> TokenAsync(HttpContext http, ConnectStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!http.Request.HasFormContentType)
        {
            return Refuse(StatusCodes.Status415UnsupportedMediaType, "invalid_request", "the token request is a form (application/x-www-form-urlencoded)");
        }
        var form = await http.Request.ReadFormAsync(cancellationToken);
        if (form["grant_type"] != "authorization_code")
        {
            return Refuse(StatusCodes.Status400BadRequest, "unsupported_grant_type", "only authorization_code is supported");
        }
        var (clientId, secret, code, redirectUri) = (form["client_id"].ToString(), form["client_secret"].ToString(), form["code"].ToString(), form["redirect_uri"].ToString());
        var client = await store.FindClientAsync(clientId, cancellationToken);
        if (client is null || secret.Length is 0 or > 200 || !CryptographicOperations.FixedTimeEquals(ConnectStore.Hash(secret), client.SecretHash))
        {
            return Refuse(StatusCodes.Status401Unauthorized, "invalid_client", "unknown client or wrong secret");
        }
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var grant = redirectUri == client.RedirectUri && code.Length is > 0 and <= 100
            ? await store.RedeemCodeAsync(code, client.Key, now.ToUnixTimeMilliseconds(), cancellationToken)
            : null;
        if (grant is null)
        {
            return Refuse(StatusCodes.Status400BadRequest, "invalid_grant", "the code is unknown, used, expired or revoked, or the redirect_uri differs");
        }
        var token = ConnectStore.NewSecret();
        await store.IssueTokenAsync(grant.Key, token, (now + TokenLifetime).ToUnixTimeMilliseconds(), cancellationToken);
        return TypedResults.Ok(new TokenAnswer(token, "Bearer", (int)TokenLifetime.TotalSeconds, grant.Scopes));
    }

    private static async Task<Results<PushStreamHttpResult, NotFound, ValidationProblem, ProblemHttpResult>> FeedAsync(
        string? from, string? to, HttpContext http, ConnectStore store, MeterDirectory meters, UserLinks links, GreenButtonFeed feed, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var token = AccessTokens.FromHeader(http.Request.Headers.Authorization);
        var grant = token is null ? null : await store.GrantOfTokenAsync(token, clock.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
        if (grant is null && Caller.From(http.User) is { IsPerson: true } person)
        {
            // The consumer themself, logged in: Download My Data of every meter linked to them.
            var mine = new List<Meter>();
            foreach (var (kind, meterId) in (await links.VisibleLinksAsync([person.UserKey], person, cancellationToken))[person.UserKey])
            {
                if (kind == "meter" && await meters.FindVisibleAsync(meterId, person, cancellationToken) is { } meter)
                {
                    mine.Add(meter);
                }
            }
            return Narrow(GreenButtonApi.Feed(feed, $"user/{person.Username}", mine, from, to, null, null, cancellationToken));
        }
        if (grant is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            return Refuse(StatusCodes.Status401Unauthorized, "invalid_token", "no valid access token: it is unknown, expired or its consent was revoked");
        }
        var granted = new List<Meter>();
        foreach (var meterId in grant.MeterList)
        {
            if (await meters.FindAsync(meterId, cancellationToken) is { } meter)
            {
                granted.Add(meter);
            }
        }
        return Narrow(GreenButtonApi.Feed(feed, $"grant/{grant.Key}", granted, from, to,
            (Instant.FromUnixTimeMilliseconds(grant.DataFrom), Instant.FromUnixTimeMilliseconds(grant.DataTo)), grant.ScopeList, cancellationToken));
    }

    private static Results<PushStreamHttpResult, NotFound, ValidationProblem, ProblemHttpResult> Narrow(Results<PushStreamHttpResult, NotFound, ValidationProblem> result) =>
        result.Result switch
        {
            PushStreamHttpResult stream => stream,
            ValidationProblem problem => problem,
            _ => TypedResults.NotFound(),
        };

    private static bool IsRedirectUri(string? text) =>
        text is { Length: <= 2000 } && Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0
        && (uri.Scheme == "https" || (uri.Scheme == "http" && uri.IsLoopback)) && !text.Any(char.IsControl);

    private static ProblemHttpResult Refuse(int status, string error, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: error, extensions: new Dictionary<string, object?> { ["error"] = error });
}
