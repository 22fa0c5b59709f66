using GridMeter.Server.Accounts;
using GridMeter.Server.Auth;
using GridMeter.Server.Consumption;
using GridMeter.Server.Meters;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace GridMeter.Server.GreenButton;

public static class GreenButtonApi
{
    public static IEndpointRouteBuilder MapGreenButton(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/meters/{id}/greenbutton", MeterAsync).WithTags("Green Button").RequireAccess(Access.MeterRead)
            .Produces(StatusCodes.Status200OK, contentType: GreenButtonFeed.ContentType)
            .WithSummary("A meter's data from (inclusive) to (exclusive) as a Green Button (ESPI 3.3) Atom feed: 15-minute readings with quality, and a usage summary");
        app.MapGet("/api/v1/me/greenbutton", MineAsync).WithTags("Green Button").RequireAccess(Access.OwnAccount)
            .Produces(StatusCodes.Status200OK, contentType: GreenButtonFeed.ContentType)
            .WithSummary("Green Button Download My Data: the feed of every meter linked to the caller");
        return app;
    }

    private static async Task<Results<PushStreamHttpResult, NotFound, ValidationProblem>> MeterAsync(
        string id, string? from, string? to, HttpContext http, MeterDirectory meters, GreenButtonFeed feed, CancellationToken cancellationToken)
    {
        var meter = await meters.FindVisibleAsync(id, Caller.From(http.User)!, cancellationToken);
        if (meter is null)
        {
            return TypedResults.NotFound();
        }
        return Feed(feed, $"meter/{meter.Id}", [meter], from, to, null, null, cancellationToken);
    }

    private static async Task<Results<PushStreamHttpResult, NotFound, ValidationProblem>> MineAsync(
        string? from, string? to, HttpContext http, MeterDirectory meters, UserLinks links, GreenButtonFeed feed, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        var mine = new List<Meter>();
        foreach (var (kind, meterId) in (await links.VisibleLinksAsync([caller.UserKey], caller, cancellationToken))[caller.UserKey])
        {
            if (kind == "meter" && await meters.FindVisibleAsync(meterId, caller, cancellationToken) is { } meter)
            {
                mine.Add(meter);
            }
        }
        return Feed(feed, $"user/{caller.Username}", mine, from, to, null, null, cancellationToken);
    }

    /// <summary>The feed of <paramref name="meters"/>, for integrators authorised by a consumer as well as for the consumer.</summary>
    public static Results<PushStreamHttpResult, NotFound, ValidationProblem> Feed(
        GreenButtonFeed feed, string key, IReadOnlyList<Meter> meters, string? from, string? to, (Instant From, Instant To)? allowed, IReadOnlyCollection<string>? scopes,
        CancellationToken cancellationToken)
    {
        var zone = meters.Count > 0 ? meters[0].TimeZone : DateTimeZone.Utc;
        var errors = new Dictionary<string, string[]>();
        if (!TimeArgument.TryParse(from, zone, out var start))
        {
            errors["from"] = ["required: a local date (2026-11-01) or an RFC 3339 instant with offset"];
        }
        if (!TimeArgument.TryParse(to, zone, out var end))
        {
            errors["to"] = ["required: a local date (2026-11-02, exclusive) or an RFC 3339 instant with offset"];
        }
        if (errors.Count == 0 && (end <= start || end - start > GreenButtonFeed.MaxSpan))
        {
            errors["to"] = ["after from, at most 366 days later"];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (allowed is { } period)
        {
            // A third party reads only the period the consumer granted: the rest is cut off, not refused.
            (start, end) = (start < period.From ? period.From : start, end > period.To ? period.To : end);
            if (end <= start)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["from"] = ["outside the period the customer granted"] });
            }
        }
        return TypedResults.Stream(stream => feed.WriteAsync(stream, key, meters, start, end, scopes, cancellationToken), GreenButtonFeed.ContentType);
    }
}
