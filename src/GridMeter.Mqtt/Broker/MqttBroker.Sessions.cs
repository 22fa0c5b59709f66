using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Broker;

public sealed partial class MqttBroker
{
    private readonly Dictionary<string, MqttSession> _sessions = new(StringComparer.Ordinal);
    private readonly Lock _sessionsGate = new();

    /// <summary>Sessions kept right now, connected or not.</summary>
    public int SessionCount
    {
        get
        {
            lock (_sessionsGate)
            {
                return _sessions.Count;
            }
        }
    }

    /// <summary>
    /// Gives the connection its session: a takeover closes the previous connection (MQTT 5.0 §3.1.4-3),
    /// Clean Start discards the old session, and a returning client cancels its pending will and expiry.
    /// </summary>
    /// <remarks>
    /// <paramref name="sendConnAck"/> runs under the session's lock, so no delivery can overtake the CONNACK
    /// (MQTT 5.0 §3.2: CONNACK is the first packet the server sends).
    /// </remarks>
    internal (MqttSession Session, bool Present) AttachSession(MqttServerConnection connection, string clientId, bool cleanStart, uint expiryInterval,
        Action<bool> sendConnAck)
    {
        MqttServerConnection? previous = null;
        MqttSession? discarded = null;
        MqttSession session;
        bool present;
        lock (_sessionsGate)
        {
            if (_sessions.TryGetValue(clientId, out var existing))
            {
                lock (existing.Gate)
                {
                    previous = existing.Connection;
                    existing.SetOnline(null);
                    CancelTimers(existing);
                }
                if (cleanStart)
                {
                    _sessions.Remove(clientId);
                    discarded = existing;
                    existing = null;
                }
            }
            present = existing is not null;
            session = existing ?? new MqttSession(clientId, this);
            _sessions[clientId] = session;
            lock (session.Gate)
            {
                session.SetOnline(connection);
                session.ExpiryInterval = expiryInterval;
                session.Generation++;
                sendConnAck(present);
            }
        }
        previous?.RequestClose(MqttReasonCode.SessionTakenOver);
        if (discarded is not null)
        {
            EndSession(discarded);
        }
        return (session, present);
    }

    private static void CancelTimers(MqttSession session)
    {
        session.ExpiryTimer?.Dispose();
        session.ExpiryTimer = null;
        session.WillTimer?.Dispose();
        session.WillTimer = null;
        session.PendingWill = null;
    }

    /// <summary>
    /// The connection closed: the session goes offline (or ends when its expiry is 0), and the will is
    /// published now, after its delay, or not at all when a new connection took the session over in time.
    /// </summary>
    internal void DetachSession(MqttServerConnection connection, MqttClientContext client, MqttWill? will)
    {
        var session = connection.Session;
        if (session is null)
        {
            return;
        }
        bool owner;
        var ended = false;
        lock (_sessionsGate)
        {
            lock (session.Gate)
            {
                owner = session.Connection == connection;
                if (owner)
                {
                    session.SetOnline(null);
                    if (session.ExpiryInterval == 0)
                    {
                        _sessions.Remove(session.ClientId);
                        ended = true;
                    }
                    else
                    {
                        ScheduleExpiry(session);
                    }
                }
            }
        }
        if (ended)
        {
            EndSession(session);
        }
        if (will is null)
        {
            return;
        }
        if (!owner || ended || will.DelayInterval == 0)
        {
            // MQTT 5.0 §3.1.3.2.2: a session taken over by a new connection before the delay keeps its silence.
            if (!owner && !session.Ended && will.DelayInterval > 0)
            {
                return;
            }
            _ = PublishWillAsync(client, will);
            return;
        }
        lock (session.Gate)
        {
            var delay = TimerDelay(Math.Min(will.DelayInterval, session.ExpiryInterval));
            var generation = session.Generation;
            session.PendingWill = (client, will);
            session.WillTimer = Time.CreateTimer(_ => FireWill(session, generation, client, will), null, delay, Timeout.InfiniteTimeSpan);
        }
    }

    private void FireWill(MqttSession session, int generation, MqttClientContext client, MqttWill will)
    {
        lock (session.Gate)
        {
            if (session.Generation != generation || session.Connection is not null || session.WillTimer is null)
            {
                return;
            }
            session.WillTimer.Dispose();
            session.WillTimer = null;
            session.PendingWill = null;
        }
        _ = PublishWillAsync(client, will);
    }

    private void ScheduleExpiry(MqttSession session)
    {
        if (session.ExpiryInterval == uint.MaxValue)
        {
            return; // MQTT 5.0 §3.1.2.11.2: 0xFFFFFFFF means the session does not expire.
        }
        var generation = session.Generation;
        session.ExpiryTimer = Time.CreateTimer(_ => Expire(session, generation), null, TimerDelay(session.ExpiryInterval), Timeout.InfiniteTimeSpan);
    }

    /// <summary>Timers reach about 49 days; a longer interval ends at that horizon (the broker's cap, as §3.2.2.3.2 allows).</summary>
    private static TimeSpan TimerDelay(uint seconds) => TimeSpan.FromSeconds(Math.Min(seconds, MaximumTimerSeconds));

    private const uint MaximumTimerSeconds = 49 * 24 * 3600;

    private void Expire(MqttSession session, int generation)
    {
        (MqttClientContext Client, MqttWill Will)? pendingWill;
        lock (_sessionsGate)
        {
            lock (session.Gate)
            {
                if (session.Generation != generation || session.Connection is not null)
                {
                    return;
                }
                pendingWill = session.PendingWill;
                CancelTimers(session);
            }
            _sessions.Remove(session.ClientId);
        }
        Logger.SessionExpired(session.ClientId);
        EndSession(session);
        if (pendingWill is { } due)
        {
            // MQTT 5.0 §3.1.3.2.2: the will goes out when the delay passes or the session ends, whichever is first.
            _ = PublishWillAsync(due.Client, due.Will);
        }
    }

    private void EndSession(MqttSession session)
    {
        List<SessionSubscription> subscriptions;
        lock (session.Gate)
        {
            session.Ended = true;
            subscriptions = [.. session.Subscriptions.Values];
            session.Subscriptions.Clear();
        }
        foreach (var subscription in subscriptions)
        {
            _subscriptions.Remove(subscription);
        }
    }

    internal async Task PublishWillAsync(MqttClientContext client, MqttWill will)
    {
        try
        {
            var message = will.Message;
            message.ReceivedTimestamp = Time.GetTimestamp();
            var decision = await EvaluateAsync(client, message, isWill: true, CancellationToken.None);
            if (decision.Route)
            {
                Route(message, client.ClientId);
                Logger.WillPublished(client.ClientId, message.Topic);
            }
        }
        catch (Exception e)
        {
            Logger.HookFailed(e, "will", client.ClientId);
        }
    }
}
