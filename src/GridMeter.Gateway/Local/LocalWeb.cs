using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using GridMeter.Gateway.Archive;
using GridMeter.Gateway.Configuration;
using GridMeter.Gateway.Registers;
using GridMeter.Gateway.Uplink;

namespace GridMeter.Gateway.Local;

/// <summary>
/// The gateway's own small web site, read-only: the page, live values, today's load profile, the
/// imbalance advice, the price feed, and the archive files for remote download. Served by the
/// runtime's HttpListener, which keeps the gateway far smaller than a full web server would.
/// </summary>
public sealed partial class LocalWeb(
    GatewayConfig config, LiveBoard board, Uplink.Uplink uplink, Outbox outbox, ProfileLog profile, SiteNotices notices, ArchiveFiles archive,
    TimeProvider clock, ILogger<LocalWeb> logger) : BackgroundService
{
    /// <summary>"http://0.0.0.0:8090" (any address) becomes the listener prefix "http://+:8090/".</summary>
    public static string Prefix(string url)
    {
        var uri = new Uri(url);
        var host = uri.Host is "0.0.0.0" or "[::]" or "::" ? "+" : uri.Host;
        return $"{uri.Scheme}://{host}:{uri.Port}/";
    }

    private readonly HttpListener _listener = new();

    /// <summary>Listens before start-up completes, so the page answers as soon as the host runs.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _listener.Prefixes.Add(Prefix(config.Urls));
        _listener.Start();
        LogListening(config.Urls);
        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _listener.Close();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var listener = _listener;
        await using var stop = stoppingToken.Register(listener.Stop);
        while (!stoppingToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }
            _ = AnswerAsync(context, stoppingToken);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context, CancellationToken cancellationToken)
    {
        var response = context.Response;
        try
        {
            var path = context.Request.Url?.AbsolutePath ?? "/";
            if (context.Request.HttpMethod is not ("GET" or "HEAD"))
            {
                response.StatusCode = 405;
            }
            else if (path == "/")
            {
                await using var page = typeof(LocalWeb).Assembly.GetManifestResourceStream("index.html")!;
                response.ContentType = "text/html; charset=utf-8";
                await page.CopyToAsync(response.OutputStream, cancellationToken);
            }
            else if (path == "/api/live")
            {
                await JsonAsync(response, await LiveAsync(cancellationToken), GatewayJson.Default.LiveView, cancellationToken);
            }
            else if (path == "/api/profile")
            {
                await JsonAsync(response, await ProfileAsync(cancellationToken), GatewayJson.Default.ProfileView, cancellationToken);
            }
            else if (path == "/api/advice")
            {
                var now = clock.GetUtcNow();
                var (atHourStart, current) = board.SiteNet(now);
                await JsonAsync(response, ImbalanceAdvice.Decide(notices.Schedule, now, atHourStart, current), GatewayJson.Default.AdviceView, cancellationToken);
            }
            else if (path == "/api/prices")
            {
                if (notices.Prices is { } prices)
                {
                    await JsonAsync(response, prices, GatewayJson.Default.PriceFeed, cancellationToken);
                }
                else
                {
                    response.StatusCode = 204;
                }
            }
            else if (path is "/archive" or "/archive/")
            {
                await JsonAsync(response, new ArchiveListing(archive.List()), GatewayJson.Default.ArchiveListing, cancellationToken);
            }
            else if (path.StartsWith("/archive/", StringComparison.Ordinal) && archive.Find(path["/archive/".Length..]) is { } file)
            {
                response.ContentType = "text/csv; charset=utf-8";
                response.AddHeader("Content-Disposition", $"attachment; filename=\"{Path.GetFileName(file)}\"");
                await using var csv = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                await csv.CopyToAsync(response.OutputStream, cancellationToken);
            }
            else
            {
                response.StatusCode = 404;
            }
        }
        catch (Exception e) when (e is HttpListenerException or IOException or OperationCanceledException)
        {
            LogAnswerFailed(e);
        }
        finally
        {
            response.Close();
        }
    }

    private static async Task JsonAsync<T>(HttpListenerResponse response, T value, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        response.ContentType = "application/json; charset=utf-8";
        response.AddHeader("Cache-Control", "no-store");
        await JsonSerializer.SerializeAsync(response.OutputStream, value, type, cancellationToken);
    }

    private async Task<LiveView> LiveAsync(CancellationToken cancellationToken)
    {
        var meters = board.Latest().Select(s => new MeterLiveView(s.MeterId, s.At, PayloadWriter.Instantaneous(s)
            .Concat(LiveBoard.Registers(s).Select(r => KeyValuePair.Create(r.Key.ToString(), r.Value))).ToDictionary(), s.MeterClock)).ToList();
        return new LiveView(meters, uplink.IsConnected, await outbox.CountAsync(cancellationToken));
    }

    private async Task<ProfileView> ProfileAsync(CancellationToken cancellationToken)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(config.TimeZone);
        var local = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone);
        var midnight = new DateTimeOffset(local.Date, zone.GetUtcOffset(local.Date));
        var points = await profile.ProfileAsync(midnight, midnight.AddDays(1), TimeSpan.FromSeconds(config.RegisterSeconds), cancellationToken);
        return new ProfileView(local.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), config.TimeZone, points);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Local page on {Url}")]
    private partial void LogListening(string url);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A local web request was not answered in full")]
    private partial void LogAnswerFailed(Exception exception);
}
