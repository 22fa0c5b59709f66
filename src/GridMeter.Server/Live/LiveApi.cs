using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using GridMeter.Server.Auth;
using GridMeter.Server.Meters;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridMeter.Server.Live;

public static class LiveApi
{
    /// <summary>An SSE comment-like heartbeat keeps proxies from closing a quiet stream.</summary>
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapLive(this IEndpointRouteBuilder app)
    {
        var live = app.MapGroup("/api/v1/meters/{id}/live").WithTags("Live values").RequireAuthorization();
        live.MapGet("/", GetAsync).WithSummary("The newest instantaneous values (power, voltage, current, frequency …)");
        live.MapGet("/stream", StreamAsync).WithSummary("Server-Sent Events: each new set of live values as it arrives, event type 'live'");
        return app;
    }

    private static async Task<Results<Ok<LiveResponse>, NotFound>> GetAsync(
        string id, HttpContext http, MeterDirectory meters, LiveValueStore live, CancellationToken cancellationToken)
    {
        var meter = await meters.FindVisibleAsync(id, Caller.From(http.User)!, cancellationToken);
        return meter is null ? TypedResults.NotFound() : TypedResults.Ok(LiveResponse.From(live.Latest(meter.Key)));
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
