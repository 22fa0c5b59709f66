using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GridMeter.Server.Meters;
using NodaTime;

namespace GridMeter.Server.Webhooks;

/// <summary>
/// The one entry point for anything that raises an event integrators may subscribe to:
/// <c>PublishAsync(type, meterId, data)</c> queues it durably for every subscription of that type
/// allowed to see the meter, and wakes the delivery job. Nothing is queued, and nothing read,
/// when nobody subscribes.
/// </summary>
public sealed class WebhookEvents(WebhookStore store, MeterDirectory meters, TimeProvider clock)
{
    private static readonly Duration CacheFor = Duration.FromSeconds(5);

    private readonly SemaphoreSlim _published = new(0, 1);
    private IReadOnlyList<WebhookSubscription>? _subscriptions;
    private Instant _loadedAt;

    /// <summary>
    /// Queues an event. <paramref name="meterId"/> names the meter it concerns: subscriptions of
    /// an organisation receive only events of the meters it supplies or whose network it runs;
    /// an event without a meter goes only to subscriptions of all events (admins').
    /// </summary>
    public async Task PublishAsync(string type, string? meterId, JsonObject data, CancellationToken cancellationToken)
    {
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var subscriptions = await SubscriptionsAsync(now, cancellationToken);
        if (!subscriptions.Any(s => s.Types.Contains(type)))
        {
            return;
        }
        var meter = meterId is null ? null : await meters.FindAsync(meterId, cancellationToken);
        var receivers = subscriptions
            .Where(s => s.Types.Contains(type)
                && (s.OrganisationId is null || (meter is not null && (meter.SupplierId == s.OrganisationId || meter.NetworkOperatorId == s.OrganisationId))))
            .Select(s => s.Key)
            .ToList();
        if (receivers.Count == 0)
        {
            return;
        }
        var eventId = "evt_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        await store.EnqueueAsync(receivers, eventId, type, Payload(eventId, type, now, data), now.ToUnixTimeMilliseconds(), cancellationToken);
        Wake();
    }

    /// <summary>Forgets the cached subscriptions after one was added or removed here.</summary>
    public void Changed() => _subscriptions = null;

    /// <summary>Waits until something was published or <paramref name="timeout"/> passed.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _published.WaitAsync(timeout, cancellationToken);

    private void Wake()
    {
        try
        {
            if (_published.CurrentCount == 0)
            {
                _published.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already awake.
        }
    }

    private async Task<IReadOnlyList<WebhookSubscription>> SubscriptionsAsync(Instant now, CancellationToken cancellationToken)
    {
        if (_subscriptions is null || now - _loadedAt > CacheFor || now < _loadedAt)
        {
            _subscriptions = await store.AllAsync(cancellationToken);
            _loadedAt = now;
        }
        return _subscriptions;
    }

    private static string Payload(string eventId, string type, Instant now, JsonObject data)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", eventId);
            json.WriteString("type", type);
            json.WriteString("occurredAt", now.ToDateTimeOffset());
            json.WritePropertyName("data");
            data.WriteTo(json);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
