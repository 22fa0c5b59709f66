using System.Text;
using GridMeter.Domain.Webhooks;
using Microsoft.Extensions.Options;
using NodaTime;

namespace GridMeter.Server.Webhooks;

/// <summary>
/// Delivers queued events: POSTs each signed body, marks it delivered on a 2xx answer, and
/// otherwise schedules it again with backoff. The queue is in the database, so a restart or a
/// receiver that is down for hours loses nothing.
/// </summary>
public sealed partial class WebhooksJob(
    WebhookStore store, WebhookEvents events, IHttpClientFactory http, TimeProvider clock, IOptions<WebhooksOptions> options, ILogger<WebhooksJob> logger)
    : BackgroundService
{
    public const string HttpClientName = "webhooks";

    /// <summary>How long a taken delivery stays reserved for its sender before another may try.</summary>
    private static readonly Duration Lease = Duration.FromMinutes(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromMilliseconds(options.Value.PollMilliseconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await DeliverDueAsync(stoppingToken) == 0)
                {
                    await events.WaitAsync(poll, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
            {
                LogStoreFailed(e);
                await Task.Delay(poll, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Sends what is due now; returns how many were tried.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var due = await store.DueAsync(now.ToUnixTimeMilliseconds(), 50, cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }
        var subscriptions = (await store.AllAsync(cancellationToken)).ToDictionary(s => s.Key);
        var tried = 0;
        foreach (var delivery in due)
        {
            if (!subscriptions.TryGetValue(delivery.SubscriptionKey, out var subscription)
                || !await store.ClaimAsync(delivery, (now + Lease).ToUnixTimeMilliseconds(), cancellationToken))
            {
                continue;
            }
            tried++;
            var (status, error) = await SendAsync(subscription, delivery, now, cancellationToken);
            var attempts = (int)delivery.Attempts + 1;
            var at = Instant.FromDateTimeOffset(clock.GetUtcNow());
            if (status is >= 200 and < 300)
            {
                await store.RecordAsync(delivery.Key, "delivered", attempts, at.ToUnixTimeMilliseconds(), status, null, at.ToUnixTimeMilliseconds(), cancellationToken);
                continue;
            }
            var next = WebhookBackoff.NextAttempt(attempts, options.Value.MaxAttempts, at);
            await store.RecordAsync(
                delivery.Key, next is null ? "failed" : "pending", attempts, (next ?? at).ToUnixTimeMilliseconds(), status, error, null, cancellationToken);
            LogFailed(delivery.EventId, subscription.Id, attempts, status, error);
        }
        return tried;
    }

    private async Task<(int? Status, string? Error)> SendAsync(WebhookSubscription subscription, WebhookDelivery delivery, Instant now, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(delivery.Payload);
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        request.Headers.Add("X-GridMeter-Event", delivery.EventType);
        request.Headers.Add("X-GridMeter-Delivery", delivery.EventId);
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(subscription.Secret, now.ToUnixTimeSeconds(), body));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
        try
        {
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            return ((int)response.StatusCode, response.IsSuccessStatusCode ? null : $"answered {(int)response.StatusCode}");
        }
        catch (HttpRequestException e)
        {
            return (null, e.Message.Length > 300 ? e.Message[..300] : e.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"no answer within {options.Value.TimeoutSeconds} s");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook delivery {EventId} to {Subscription} failed (attempt {Attempts}, status {Status}): {Error}")]
    private partial void LogFailed(string eventId, string subscription, int attempts, int? status, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook deliveries could not be read or recorded; trying again")]
    private partial void LogStoreFailed(Exception exception);
}
