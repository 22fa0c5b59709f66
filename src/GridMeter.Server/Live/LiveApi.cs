using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Dapper;
using GridMeter.Server.Auth;
using GridMeter.Server.Consumption;
using GridMeter.Server.Meters;
using GridMeter.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace GridMeter.Server.Live;

public static class LiveApi
{
    /// <summary>An SSE comment-like heartbeat keeps proxies from closing a quiet stream.</summary>
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapLive(this IEndpointRouteBuilder app)
    {
        var live = app.MapGroup("/api/v1/meters/{id}/live").WithTags("Live values").RequireAuthorization();
        live.MapGet("/", GetAsync).WithSummary("The newest instantaneous values (power, voltage, current, frequency …)");
        live.MapGet("/minutes", MinutesAsync).WithSummary("1-minute min/avg/max of the live values; from and to as local dates or RFC 3339 (default: the last hour)");
        live.MapGet("/stream", StreamAsync).WithSummary("Server-Sent Events: each new set of live values as it arrives, event type 'live'");
        return app;
    }

    private static async Task<Results<Ok<LiveResponse>, NotFound>> GetAsync(
        string id, HttpContext http, MeterDirectory meters, LiveValueStore live, CancellationToken cancellationToken)
    {
        var meter = await meters.FindVisibleAsync(id, Caller.From(http.User)!, cancellationToken);
        return meter is null ? TypedResults.NotFound() : TypedResults.Ok(LiveResponse.From(live.Latest(meter.Key)));
    }

    private static async Task<Results<Ok<LiveMinuteList>, NotFound, ValidationProblem>> MinutesAsync(
        string id, string? from, string? to, HttpContext http, MeterDirectory meters, IDatabase database, TimeProvider clock, CancellationToken cancellationToken)
    {
        var meter = await meters.FindVisibleAsync(id, Caller.From(http.User)!, cancellationToken);
        if (meter is null)
        {
            return TypedResults.NotFound();
        }
        var end = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var start = end - Duration.FromHours(1);
        if ((from is not null && !TimeArgument.TryParse(from, meter.TimeZone, out start)) || (to is not null && !TimeArgument.TryParse(to, meter.TimeZone, out end)))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["from"] = ["from and to: a local date or an RFC 3339 instant with offset"] });
        }
        if (end <= start || end - start > Duration.FromDays(7))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["to"] = ["after from, and at most 7 days after it"] });
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Minute, string Stats)>(new CommandDefinition(
            "SELECT minute, stats FROM live_minutes WHERE meter_key = @key AND minute >= @from AND minute < @to ORDER BY minute",
            new { key = meter.Key, from = start.ToUnixTimeSeconds() / 60, to = (end.ToUnixTimeSeconds() + 59) / 60 }, cancellationToken: cancellationToken));
        return TypedResults.Ok(new LiveMinuteList(meter.Id, [.. rows.Select(r =>
            new LiveMinuteResponse(DateTimeOffset.FromUnixTimeSeconds(r.Minute * 60), JsonDocument.Parse(r.Stats).RootElement.Clone()))]));
    }

    private static async Task<Results<ServerSentEventsResult<LiveResponse>, NotFound>> StreamAsync(
        string id, HttpContext http, MeterDirectory meters, LiveValueStore live, CancellationToken cancellationToken)
    {
        var meter = await meters.FindVisibleAsync(id, Caller.From(http.User)!, cancellationToken);
        if (meter is null)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.ServerSentEvents(Events(live, meter.Key, http.RequestAborted));
    }

    private static async IAsyncEnumerable<SseItem<LiveResponse>> Events(
        LiveValueStore live, long meterKey, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var subscription = live.Subscribe(meterKey);
        if (live.Latest(meterKey) is { } latest)
        {
            yield return new SseItem<LiveResponse>(LiveResponse.From(latest), "live");
        }
        while (!cancellationToken.IsCancellationRequested)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(Heartbeat);
            LiveSnapshot? next = null;
            try
            {
                next = await subscription.Reader.ReadAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Quiet for a while: send a heartbeat below.
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
            yield return next is null
                ? new SseItem<LiveResponse>(LiveResponse.From(null), "heartbeat")
                : new SseItem<LiveResponse>(LiveResponse.From(next), "live");
        }
    }
}
