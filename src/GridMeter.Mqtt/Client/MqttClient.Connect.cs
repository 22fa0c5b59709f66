using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using GridMeter.Mqtt.Codec;
using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Client;

public sealed partial class MqttClient
{
    /// <summary>
    /// Connects. A refusal (CONNACK with an error) throws <see cref="MqttClientException"/> at once; network
    /// failures are retried with backoff while <see cref="MqttClientOptions.AutoReconnect"/> is on.
    /// </summary>
    public async Task<MqttConnectResult> ConnectAsync(CancellationToken cancellationToken = default)
    {
        _stopping = false;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await ConnectOnceAsync(cancellationToken);
            }
            catch (Exception e) when (_options.AutoReconnect && IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                await BackoffAsync(attempt, cancellationToken);
            }
        }
    }

    private static bool IsTransient(Exception e) => e is SocketException or IOException or TimeoutException or MqttProtocolException
        || (e is MqttClientException { ReasonCode: MqttReasonCode.ServerUnavailable or MqttReasonCode.ServerBusy });

    /// <summary>Exponential backoff with jitter: between half and all of min × 2^attempt, capped at the maximum.</summary>
    private async Task BackoffAsync(int attempt, CancellationToken cancellationToken)
    {
        var ceiling = Math.Min(_options.ReconnectMaximumDelay.TotalMilliseconds,
            _options.ReconnectMinimumDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 20)));
        var delay = TimeSpan.FromMilliseconds(ceiling * (0.5 + Random.Shared.NextDouble() * 0.5));
        _logger.Reconnecting(_clientId, delay);
        await Task.Delay(delay, _time, cancellationToken);
    }

    private async Task<MqttConnectResult> ConnectOnceAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
        timeout.CancelAfter(_options.ConnectTimeout);
        var connection = await OpenAsync(timeout.Token);
        try
        {
            await connection.WriteAsync(BuildConnect(), timeout.Token);
            var reply = await connection.ReadAsync(int.MaxValue, timeout.Token);
            if (reply is not ConnAckPacket connAck)
            {
                throw new IOException(reply is null ? "the broker closed the connection before CONNACK" : $"expected CONNACK, got {reply.Type}");
            }
            if (connAck.ReasonCode != MqttReasonCode.Success)
            {
                throw new MqttClientException(connAck.ReasonCode, $"the broker refused the connection: {connAck.ReasonCode}");
            }
            return await OnConnectedAsync(connection, connAck, cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task<ClientConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(_options.Host, _options.Port, cancellationToken);
            Stream stream = new NetworkStream(socket, ownsSocket: false);
            if (_options.UseTls)
            {
                var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                {
                    TargetHost = _options.TlsTargetHost ?? _options.Host,
                    RemoteCertificateValidationCallback = _options.CertificateValidation,
                }, cancellationToken);
                stream = tls;
            }
            return new ClientConnection(socket, stream, _options.ProtocolVersion, _time, _options.TopicAliasMaximum);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private ConnectPacket BuildConnect() => new()
    {
        ProtocolVersion = _options.ProtocolVersion,
        ClientId = _clientId,
        // Reconnects resume the session, so in-flight messages survive (MQTT 5.0 §4.4).
        CleanStart = _options.CleanStart && !_everConnected,
        KeepAliveSeconds = (ushort)_options.KeepAliveSeconds,
        Username = _options.Username,
        Password = _options.Password is null ? null : (ReadOnlyMemory<byte>?)Encoding.UTF8.GetBytes(_options.Password),
        Will = _options.Will,
        SessionExpiryInterval = _options.SessionExpirySeconds,
        ReceiveMaximum = (ushort)_options.ReceiveMaximum,
        MaximumPacketSize = _options.MaximumPacketSize,
        TopicAliasMaximum = (ushort)_options.TopicAliasMaximum,
        UserProperties = _options.UserProperties,
    };

    private async Task<MqttConnectResult> OnConnectedAsync(ClientConnection connection, ConnAckPacket connAck, CancellationToken cancellationToken)
    {
        if (connAck.AssignedClientIdentifier is { } assigned)
        {
            _clientId = assigned;
        }
        connection.SendQuota = Math.Min(_options.MaximumInflight, connAck.ReceiveMaximum ?? ushort.MaxValue);
        connection.MaximumPacketSize = connAck.MaximumPacketSize ?? 0;
        var keepAlive = connAck.ServerKeepAlive ?? (ushort)_options.KeepAliveSeconds;
        connection.KeepAlive = TimeSpan.FromSeconds(keepAlive);
        if (!connAck.SessionPresent)
        {
            lock (_gate)
            {
                _receivingQos2.Clear();
            }
        }
        _everConnected = true;
        Volatile.Write(ref _connection, connection);
        StartReceiving(connection);
        if (keepAlive > 0)
        {
            _ = KeepAliveAsync(connection);
        }
        if (!connAck.SessionPresent)
        {
            await ResubscribeAsync(connection, cancellationToken);
        }
        await ResendAsync(connection, connAck.SessionPresent, cancellationToken);
        var result = new MqttConnectResult(connAck.SessionPresent, _clientId, connAck);
        _logger.Connected(_clientId, _options.Host, _options.Port, connAck.SessionPresent);
        Connected?.Invoke(this, new MqttClientConnectionEventArgs(result, null));
        return result;
    }

    /// <summary>PINGREQ when nothing was sent for a keep alive period (MQTT 5.0 §3.1.2.10); the broker's silence ends the connection.</summary>
    private async Task KeepAliveAsync(ClientConnection connection)
    {
        var token = connection.Closed.Token;
        try
        {
            while (!token.IsCancellationRequested)
            {
                var due = connection.KeepAlive - connection.SinceLastSent;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, _time, token);
                    continue;
                }
                var pingSent = _time.GetTimestamp();
                await connection.WriteAsync(PingPacket.Request, token);
                await Task.Delay(connection.KeepAlive, _time, token);
                if (connection.LastReceived < pingSent)
                {
                    connection.Abort();
                    return;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The connection ended; the reader reports it.
        }
    }

    /// <summary>After a lost connection: reconnect with backoff until connected, stopped or refused.</summary>
    private async Task ReconnectAsync()
    {
        if (Interlocked.Exchange(ref _reconnecting, 1) == 1)
        {
            return;
        }
        try
        {
            for (var attempt = 0; !_stopping && !_lifetime.IsCancellationRequested; attempt++)
            {
                await BackoffAsync(attempt, _lifetime.Token);
                try
                {
                    await ConnectOnceAsync(_lifetime.Token);
                    return;
                }
                catch (Exception e) when (IsTransient(e) || e is OperationCanceledException)
                {
                    // Try again after the next delay.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
        catch (MqttClientException e)
        {
            Disconnected?.Invoke(this, new MqttClientConnectionEventArgs(null, e));
        }
        finally
        {
            Volatile.Write(ref _reconnecting, 0);
        }
    }
}
