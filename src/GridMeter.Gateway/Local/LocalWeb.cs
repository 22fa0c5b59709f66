using GridMeter.Gateway.Archive;
using GridMeter.Gateway.Configuration;
using GridMeter.Gateway.Registers;
using GridMeter.Gateway.Uplink;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridMeter.Gateway.Local;

/// <summary>
/// The gateway's own small web site: the page, live values, today's load profile, the imbalance
/// advice, the price feed, and the archive files for remote download. Read-only.
/// </summary>
public static class LocalWeb
{
    public static WebApplication MapLocalWeb(this WebApplication app)
    {
        app.MapGet("/", () => Results.Stream(typeof(LocalWeb).Assembly.GetManifestResourceStream("index.html")!, "text/html; charset=utf-8"));
        app.MapGet("/api/live", LiveAsync);
        app.MapGet("/api/profile", ProfileAsync);
        app.MapGet("/api/advice", Advice);
        app.MapGet("/api/prices", (SiteNotices notices) => notices.Prices is { } prices ? Results.Json(prices, GatewayJson.Default.PriceFeed) : Results.NoContent());
        app.MapGet("/archive/", (ArchiveFiles files) => TypedResults.Json(new ArchiveListing(files.List()), GatewayJson.Default.ArchiveListing));
        app.MapGet("/archive/{name}", Archive);
        return app;
    }

    private static async Task<IResult> LiveAsync(LiveBoard board, Uplink.Uplink uplink, Outbox outbox, CancellationToken cancellationToken)
    {
        var meters = board.Latest().Select(s => new MeterLiveView(s.MeterId, s.At, PayloadWriter.Instantaneous(s)
            .Concat(LiveBoard.Registers(s).Select(r => KeyValuePair.Create(r.Key.ToString(), r.Value))).ToDictionary(), s.MeterClock)).ToList();
        return Results.Json(new LiveView(meters, uplink.IsConnected, await outbox.CountAsync(cancellationToken)), GatewayJson.Default.LiveView);
    }

    private static async Task<IResult> ProfileAsync(ProfileLog profile, GatewayConfig config, TimeProvider clock, CancellationToken cancellationToken)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(config.TimeZone);
        var local = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone);
        var midnight = new DateTimeOffset(local.Date, zone.GetUtcOffset(local.Date));
        var step = TimeSpan.FromSeconds(config.RegisterSeconds);
        var points = await profile.ProfileAsync(midnight, midnight.AddDays(1), step, cancellationToken);
        return Results.Json(new ProfileView(local.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), config.TimeZone, points), GatewayJson.Default.ProfileView);
    }

    private static IResult Advice(LiveBoard board, SiteNotices notices, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var (atHourStart, current) = board.SiteNet(now);
        return Results.Json(ImbalanceAdvice.Decide(notices.Schedule, now, atHourStart, current), GatewayJson.Default.AdviceView);
    }

    private static Results<PhysicalFileHttpResult, NotFound> Archive(string name, ArchiveFiles files) =>
        files.Find(name) is { } path ? TypedResults.PhysicalFile(path, "text/csv; charset=utf-8", name) : TypedResults.NotFound();
}
