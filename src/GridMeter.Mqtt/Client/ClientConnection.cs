using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using GridMeter.Mqtt.Codec;
using GridMeter.Mqtt.Packets;

namespace GridMeter.Mqtt.Client;

/// <summary>One network connection of the client: the stream as pipes, one writer at a time, and its own aliases.</summary>
internal sealed class ClientConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private long _lastSent;
    private long _lastReceived;

    public ClientConnection(Socket socket, Stream stream, MqttProtocolVersion version, TimeProvider time, int topicAliasMaximum)
    {
        _socket = socket;
        _stream = stream;
        _time = time;
        Version = version;
        Input = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
        Output = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
        InboundAliases = new string?[version == MqttProtocolVersion.V500 ? topicAliasMaximum + 1 : 1];
        _lastSent = time.GetTimestamp();
    }

    public MqttProtocolVersion Version { get; }

    public PipeReader Input { get; }

    public PipeWriter Output { get; }

    public string?[] InboundAliases { get; }

    public CancellationTokenSource Closed { get; } = new();

    /// <summary>What the broker allows: QoS 1/2 in flight towards it and the largest packet (MQTT 5.0 §3.2.2.3).</summary>
    public int SendQuota { get; set; } = ushort.MaxValue;

    public uint MaximumPacketSize { get; set; }

    public TimeSpan KeepAlive { get; set; }

    /// <summary>When the last packet came in (a timestamp of the client's TimeProvider).</summary>
    public long LastReceived => Volatile.Read(ref _lastReceived);

    public void MarkReceived() => Volatile.Write(ref _lastReceived, _time.GetTimestamp());

    public TimeSpan SinceLastSent => _time.GetElapsedTime(Volatile.Read(ref _lastSent));

    public async ValueTask WriteAsync(MqttPacket packet, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            MqttEncoder.Write(Output, packet, Version);
            Volatile.Write(ref _lastSent, _time.GetTimestamp());
            var flushed = await Output.FlushAsync(cancellationToken);
            if (flushed.IsCompleted || flushed.IsCanceled)
            {
                throw new IOException("the MQTT connection is closed");
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Reads the next whole packet, or null when the broker closed the connection.</summary>
    public async ValueTask<MqttPacket?> ReadAsync(int maximumPacketSize, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await Input.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (MqttDecoder.TryReadFixedHeader(buffer, maximumPacketSize, out var header) && buffer.Length >= header.TotalLength)
            {
                var body = buffer.Slice(header.HeaderLength, header.RemainingLength);
                try
                {
                    return Decode(header, body.IsSingleSegment ? body.FirstSpan : body.ToArray());
                }
                finally
                {
                    Input.AdvanceTo(buffer.GetPosition(header.TotalLength));
                }
            }
            if (result.IsCompleted || result.IsCanceled)
            {
                Input.AdvanceTo(buffer.End);
                return null;
            }
            Input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private MqttPacket Decode(MqttFixedHeader header, ReadOnlySpan<byte> body) => header.Type == MqttPacketType.Publish
        ? MqttDecoder.DecodePublish(header.Flags, body, Version, InboundAliases)
        : MqttDecoder.Decode(header, body, Version);

    public void Abort()
    {
        try
        {
            Closed.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already torn down.
        }
        _socket.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        Abort();
        await _stream.DisposeAsync();
        Closed.Dispose();
        _writeLock.Dispose();
    }
}
