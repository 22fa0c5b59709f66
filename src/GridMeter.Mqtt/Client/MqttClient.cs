using System.ComponentModel.DataAnnotations;
using GridMeter.Mqtt.Packets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GridMeter.Mqtt.Client;

/// <summary>
/// An MQTT 3.1.1 / 5.0 client with automatic reconnect. QoS 1 and 2 publishes complete on PUBACK / PUBCOMP
/// and survive reconnects (resent with DUP to a resumed session). Received messages go to
/// <see cref="ReceiveHandler"/>; a QoS 1/2 message is acknowledged only when its handler has completed, in
/// receive order, so a consumer can acknowledge after its own commit.
/// </summary>
public sealed partial class MqttClient : IAsyncDisposable
{
    private readonly MqttClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _lifetime = new();
    private ClientConnection? _connection;
    private string _clientId;
    private bool _everConnected;
    private volatile bool _stopping;
    private int _reconnecting;

    public MqttClient(MqttClientOptions options, TimeProvider? time = null, ILogger<MqttClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _clientId = options.ClientId;
    }

    /// <summary>
    /// Called for every message received. Handlers of several messages may run at once (up to
    /// <see cref="MqttClientOptions.ReceiveMaximum"/>); acknowledgements still go out in receive order. A handler
    /// that throws leaves its message unacknowledged and drops the connection, so the broker delivers it again.
    /// </summary>
    public Func<MqttReceivedMessage, CancellationToken, ValueTask>? ReceiveHandler { get; set; }

    public event EventHandler<MqttClientConnectionEventArgs>? Connected;

    public event EventHandler<MqttClientConnectionEventArgs>? Disconnected;

    public bool IsConnected => Volatile.Read(ref _connection) is not null;

    /// <summary>Our client id: the configured one, or the one the broker assigned (MQTT 5.0 §3.2.2.3.7).</summary>
    public string ClientId => _clientId;

    public MqttClientOptions Options => _options;

    /// <summary>Stops reconnecting, sends DISCONNECT and closes. A non-Success reason (5.0 0x04) asks the broker to publish the will.</summary>
    public async Task DisconnectAsync(MqttReasonCode reason = MqttReasonCode.Success, CancellationToken cancellationToken = default)
    {
        _stopping = true;
        var connection = Interlocked.Exchange(ref _connection, null);
        if (connection is null)
        {
            return;
        }
        try
        {
            await connection.WriteAsync(new DisconnectPacket { ReasonCode = reason }, cancellationToken);
            await connection.Output.CompleteAsync();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // Closing anyway.
        }
        await connection.DisposeAsync();
        FailPendingRequests(new MqttClientException("disconnected"));
    }

    /// <summary>
    /// Drops the connection without DISCONNECT, as a power cut would: the broker publishes the will. With
    /// <see cref="MqttClientOptions.AutoReconnect"/> the client then reconnects and resends what was in flight.
    /// </summary>
    public void Abort() => Volatile.Read(ref _connection)?.Abort();

    public async ValueTask DisposeAsync()
    {
        await DisconnectAsync(MqttReasonCode.Success, CancellationToken.None);
        await _lifetime.CancelAsync();
        _lifetime.Dispose();
        lock (_gate)
        {
            foreach (var publish in _inflight.Values)
            {
                publish.Completion.TrySetException(new ObjectDisposedException(nameof(MqttClient)));
            }
            _inflight.Clear();
        }
    }
}
