using System.Collections.Concurrent;
using System.Net;
using GridMeter.Mqtt.Packets;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GridMeter.Mqtt.Broker;

/// <summary>
/// The MQTT broker: sessions, subscriptions, retained messages and routing. Connections reach it through
/// <see cref="MqttConnectionHandler"/> on a Kestrel endpoint; the host publishes into it with
/// <see cref="PublishAsync"/> and reads the bound ports from <see cref="Port"/> and <see cref="TlsPort"/>.
/// </summary>
public sealed partial class MqttBroker : IAsyncDisposable
{
    private readonly ConcurrentDictionary<MqttServerConnection, byte> _connections = new();
    private readonly List<(ListenOptions Listener, bool Tls)> _listeners = [];
    private readonly ITimer _sweep;
    private readonly bool _defaultHooks;
    private long _droppedMessages;

    public MqttBroker(IOptions<MqttBrokerOptions> options, IMqttBrokerHooks hooks, TimeProvider time, ILogger<MqttBroker> logger)
    {
        Options = options.Value;
        Hooks = hooks;
        Time = time;
        Logger = logger;
        _defaultHooks = hooks is AllowAllMqttBrokerHooks;
        _sweep = time.CreateTimer(static state => ((MqttBroker)state!).Sweep(), this, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    public MqttBrokerOptions Options { get; }

    internal IMqttBrokerHooks Hooks { get; }

    internal TimeProvider Time { get; }

    internal ILogger Logger { get; }

    /// <summary>The port of the first plain listener, as bound (so 0 in the options reads as the port picked).</summary>
    public int Port => BoundPort(tls: false) ?? throw new InvalidOperationException("The MQTT broker has no plain listener yet; read Port after the host started.");

    /// <summary>The port of the TLS listener, or null when there is none.</summary>
    public int? TlsPort => BoundPort(tls: true);

    /// <summary>Every endpoint the broker listens on.</summary>
    public IReadOnlyList<EndPoint> EndPoints
    {
        get
        {
            lock (_listeners)
            {
                return _listeners.Select(l => l.Listener.EndPoint).ToList();
            }
        }
    }

    /// <summary>Messages dropped so far: QoS 0 to clients that read too slowly, and the oldest of full session queues.</summary>
    public long DroppedMessages => Interlocked.Read(ref _droppedMessages);

    internal void CountDropped() => Interlocked.Increment(ref _droppedMessages);

    /// <summary>Network connections open right now (including those that have not sent CONNECT yet).</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>
    /// Publishes a message from the host (e.g. meters/{id}/commands), retained when <see cref="MqttMessage.Retain"/>
    /// is set. It bypasses the hooks. Returns how many sessions it was delivered or queued to.
    /// </summary>
    public ValueTask<int> PublishAsync(MqttMessage message, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!MqttTopic.IsValidTopicName(message.Topic))
        {
            throw new ArgumentException($"'{message.Topic}' is not a valid topic name", nameof(message));
        }
        message.ReceivedTimestamp = Time.GetTimestamp();
        return ValueTask.FromResult(Route(message, publisherClientId: null));
    }

    /// <summary>Registers a Kestrel endpoint that serves MQTT, so its bound port can be read.</summary>
    public void AddListener(ListenOptions listener, bool tls)
    {
        lock (_listeners)
        {
            _listeners.Add((listener, tls));
        }
    }

    private int? BoundPort(bool tls)
    {
        lock (_listeners)
        {
            return _listeners.Where(l => l.Tls == tls).Select(l => (l.Listener.EndPoint as IPEndPoint)?.Port).FirstOrDefault();
        }
    }

    internal void Register(MqttServerConnection connection) => _connections.TryAdd(connection, 0);

    internal void Unregister(MqttServerConnection connection) => _connections.TryRemove(connection, out _);

    /// <summary>
    /// Once a second (enumerating without the dictionary's locks, so accepting connections never waits on it):
    /// connections silent for 1.5 × keep alive (MQTT 5.0 §3.1.2.10) or without CONNECT in time.</summary>
    private void Sweep()
    {
        var now = Time.GetTimestamp();
        var connectTimeout = (long)(Options.ConnectTimeoutSeconds * Time.TimestampFrequency);
        foreach (var (connection, _) in _connections)
        {
            if (!connection.IsConnected)
            {
                if (now - connection.AcceptedAt > connectTimeout)
                {
                    connection.RequestClose(MqttReasonCode.MaximumConnectTime);
                }
            }
            connection.TrimIdle();
            if (connection.IsConnected && connection.KeepAliveTicks > 0 && now - connection.LastReceived > connection.KeepAliveTicks)
            {
                Logger.KeepAliveTimeout(connection.Client?.ClientId ?? connection.ConnectionId, (int)(connection.KeepAliveTicks / Time.TimestampFrequency / 1.5));
                connection.RequestClose(MqttReasonCode.KeepAliveTimeout);
            }
        }
    }

    internal bool IsExpired(MqttMessage message) =>
        message.MessageExpiryInterval is { } interval && Time.GetElapsedTime(message.ReceivedTimestamp).TotalSeconds >= interval;

    /// <summary>Closes every connection with Server shutting down (MQTT 5.0 reason 0x8B).</summary>
    public void CloseAll()
    {
        foreach (var (connection, _) in _connections)
        {
            connection.RequestClose(MqttReasonCode.ServerShuttingDown);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _sweep.DisposeAsync();
        CloseAll();
    }
}
