using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Broker;

public sealed partial class MqttBroker
{
    [ThreadStatic]
    private static List<SessionSubscription>? t_matches;

    [ThreadStatic]
    private static Dictionary<MqttSession, int>? t_merged;

    [ThreadStatic]
    private static List<MqttMessage>? t_retained;

    private readonly SubscriptionTree _subscriptions = new();
    private readonly RetainedMessageStore _retained = new();

    /// <summary>Retained messages held right now.</summary>
    public int RetainedCount => _retained.Count;

    /// <summary>
    /// Stores a retained message and hands the message to every matching session: one copy per session at
    /// the highest QoS of its matching subscriptions (MQTT 5.0 §3.3.4), one member per shared group.
    /// </summary>
    internal int Route(MqttMessage message, string? publisherClientId)
    {
        if (message.Retain)
        {
            _retained.Set(message);
        }
        var matches = t_matches ??= [];
        matches.Clear();
        _subscriptions.Match(message.Topic, matches);
        var delivered = matches.Count switch
        {
            0 => 0,
            1 => DeliverOne(message, matches[0], publisherClientId),
            _ => DeliverMerged(message, matches, publisherClientId),
        };
        matches.Clear();
        return delivered;
    }

    private int DeliverOne(MqttMessage message, SessionSubscription subscription, string? publisherClientId)
    {
        if ((subscription.NoLocal && subscription.Session.ClientId == publisherClientId) || !MayReceive(subscription.Session, message.Topic))
        {
            return 0;
        }
        subscription.Session.Deliver(DeliveryFor(message, subscription));
        return 1;
    }

    private static Delivery DeliveryFor(MqttMessage message, SessionSubscription subscription) => new(
        message,
        (MqttQualityOfService)Math.Min((byte)message.QualityOfService, (byte)subscription.Qos),
        // MQTT 5.0 §3.3.1.3: forwarded messages carry RETAIN 0 unless the subscription asked for Retain As Published.
        subscription.RetainAsPublished && message.Retain,
        subscription.SubscriptionIdentifier != 0 ? [subscription.SubscriptionIdentifier] : null);

    private int DeliverMerged(MqttMessage message, List<SessionSubscription> matches, string? publisherClientId)
    {
        var merged = t_merged ??= [];
        merged.Clear();
        var deliveries = new List<Delivery>(matches.Count);
        var sessions = new List<MqttSession>(matches.Count);
        foreach (var subscription in matches)
        {
            if ((subscription.NoLocal && subscription.Session.ClientId == publisherClientId) || !MayReceive(subscription.Session, message.Topic))
            {
                continue;
            }
            var delivery = DeliveryFor(message, subscription);
            if (!merged.TryGetValue(subscription.Session, out var index))
            {
                merged.Add(subscription.Session, deliveries.Count);
                deliveries.Add(delivery);
                sessions.Add(subscription.Session);
                continue;
            }
            var earlier = deliveries[index];
            List<uint>? ids = earlier.SubscriptionIdentifiers is null && delivery.SubscriptionIdentifiers is null
                ? null
                : [.. earlier.SubscriptionIdentifiers ?? [], .. delivery.SubscriptionIdentifiers ?? []];
            deliveries[index] = new Delivery(message, (MqttQualityOfService)Math.Max((byte)earlier.Qos, (byte)delivery.Qos),
                earlier.Retain || delivery.Retain, ids);
        }
        merged.Clear();
        for (var i = 0; i < deliveries.Count; i++)
        {
            sessions[i].Deliver(deliveries[i]);
        }
        return deliveries.Count;
    }

    private bool MayReceive(MqttSession session, string topic) => _defaultHooks || Hooks.MayReceive(session.Identity, topic);

    /// <summary>The retained messages matching a new subscription, sent with RETAIN 1 (MQTT 5.0 §3.3.1.3).</summary>
    internal void SendRetained(SessionSubscription subscription)
    {
        var retained = t_retained ??= [];
        retained.Clear();
        _retained.Collect(subscription.TopicFilter, retained);
        foreach (var message in retained)
        {
            if (IsExpired(message))
            {
                _retained.Remove(message);
                continue;
            }
            if (!MayReceive(subscription.Session, message.Topic))
            {
                continue;
            }
            var qos = (MqttQualityOfService)Math.Min((byte)message.QualityOfService, (byte)subscription.Qos);
            IReadOnlyList<uint>? ids = subscription.SubscriptionIdentifier != 0 ? [subscription.SubscriptionIdentifier] : null;
            subscription.Session.Deliver(new Delivery(message, qos, true, ids));
        }
        retained.Clear();
    }

    /// <summary>Adds or replaces a session's subscription; null when the session holds too many already.</summary>
    internal (SessionSubscription Subscription, bool IsNew)? Subscribe(MqttSession session, MqttSubscription requested, string topicFilter, string? group, uint subscriptionId)
    {
        SessionSubscription subscription;
        lock (session.Gate)
        {
            if (session.Subscriptions.TryGetValue(requested.TopicFilter, out var existing))
            {
                // MQTT 5.0 §3.8.4: a repeated filter replaces the options of the existing subscription.
                existing.Qos = requested.MaximumQualityOfService;
                existing.NoLocal = requested.NoLocal;
                existing.RetainAsPublished = requested.RetainAsPublished;
                existing.SubscriptionIdentifier = subscriptionId;
                return (existing, false);
            }
            if (session.Subscriptions.Count >= Options.MaximumSubscriptionsPerSession)
            {
                return null;
            }
            subscription = new SessionSubscription
            {
                Session = session,
                Filter = requested.TopicFilter,
                TopicFilter = topicFilter,
                ShareGroup = group,
                Qos = requested.MaximumQualityOfService,
                NoLocal = requested.NoLocal,
                RetainAsPublished = requested.RetainAsPublished,
                SubscriptionIdentifier = subscriptionId,
            };
            session.Subscriptions.Add(requested.TopicFilter, subscription);
        }
        _subscriptions.Add(subscription);
        return (subscription, true);
    }

    internal bool Unsubscribe(MqttSession session, string filter)
    {
        SessionSubscription? subscription;
        lock (session.Gate)
        {
            if (!session.Subscriptions.Remove(filter, out subscription))
            {
                return false;
            }
        }
        _subscriptions.Remove(subscription);
        return true;
    }
}
