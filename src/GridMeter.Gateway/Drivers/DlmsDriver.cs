using System.Buffers;
using System.Text;
using System.Threading.Channels;
using GridMeter.Gateway.Configuration;
using GridMeter.Gateway.Serial;
using GridMeter.Protocols;
using GridMeter.Protocols.Dlms;

namespace GridMeter.Gateway.Drivers;

/// <summary>
/// Polls a DLMS/COSEM meter: over the TCP wrapper for tcp:// ports, over HDLC (SNRM/UA, I-frames with
/// LLC headers) on serial lines. Each session associates (without security, or with low-level security
/// when a password is configured), reads each register's scaler_unit once, then every poll the values
/// and the clock. Registers the meter does not have are left out.
/// </summary>
public sealed class DlmsDriver(MeterConfig meter, TimeProvider clock, ILogger logger) : MeterDriver(meter, clock, logger)
{
    /// <summary>Energy registers (import, export, tariffs, reactive) and instantaneous values.</summary>
    public static readonly IReadOnlyList<Obis> Registers =
    [
        new(1, 0, 1, 8, 0), new(1, 0, 1, 8, 1), new(1, 0, 1, 8, 2), new(1, 0, 2, 8, 0), new(1, 0, 2, 8, 1), new(1, 0, 2, 8, 2),
        new(1, 0, 3, 8, 0), new(1, 0, 4, 8, 0),
        new(1, 0, 1, 7, 0), new(1, 0, 2, 7, 0), new(1, 0, 32, 7, 0), new(1, 0, 31, 7, 0), new(1, 0, 14, 7, 0),
    ];

    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(2);
    private readonly bool _tcp = meter.Port.StartsWith("tcp://", StringComparison.OrdinalIgnoreCase);

    protected override LineSettings InitialSettings => new(Meter.Baud ?? 9600);

    protected override async Task RunSessionAsync(IMeterLine line, ChannelWriter<MeterSample> samples, CancellationToken cancellationToken)
    {
        var session = new Session(line, _tcp, (byte)Meter.ClientAddress, (byte)Meter.ServerAddress);
        await session.OpenAsync(cancellationToken);
        var aare = Aare.TryDecode((await session.ExchangeAsync(Association(), cancellationToken)).Span);
        if (!aare.IsSuccess || aare.Value.Result != AssociationResult.Accepted)
        {
            throw new ProtocolException($"meter {Meter.Id} refused the association ({(aare.IsSuccess ? $"diagnostic {aare.Value.Diagnostic}" : aare.Error.ToString())})");
        }
        var scalers = new Dictionary<Obis, DlmsData>();
        foreach (var obis in Registers)
        {
            if (await GetAsync(session, CosemRegister.ScalerUnitOf(obis), cancellationToken) is { } scaler)
            {
                scalers[obis] = scaler;
            }
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Meter.PollSeconds), Clock);
        do
        {
            var values = new List<MeterValue>(scalers.Count);
            foreach (var (obis, scaler) in scalers)
            {
                if (await GetAsync(session, CosemRegister.Value(obis), cancellationToken) is { } value)
                {
                    var reading = CosemRegister.Read(obis, value, scaler);
                    if (reading.IsSuccess)
                    {
                        values.Add(reading.Value);
                    }
                }
            }
            var time = await GetAsync(session, CosemClock.Time, cancellationToken) is { } data && CosemClock.ReadTime(data) is { IsSuccess: true } read
                ? read.Value.ToDateTimeOffset() : null;
            await samples.WriteAsync(new MeterSample(Meter.Id, Now, values) { MeterClock = time }, cancellationToken);
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));
    }

    private byte[] Association() =>
        new Aarq(ApplicationContext.LogicalName, Conformance.Read | Conformance.BlockTransferWithGetOrRead, 1024,
            Meter.Password.Length == 0 ? default : Encoding.ASCII.GetBytes(Meter.Password)).ToArray();

    /// <summary>The attribute's value, or null when the meter answers with a data-access error.</summary>
    private static async Task<DlmsData?> GetAsync(Session session, CosemAttribute attribute, CancellationToken cancellationToken)
    {
        var answer = GetResponse.TryDecode((await session.ExchangeAsync(GetRequest.Normal(attribute).ToArray(), cancellationToken)).Span);
        if (!answer.IsSuccess)
        {
            throw new ProtocolException($"GET {attribute}: {answer.Error}");
        }
        if (answer.Value.IsBlock)
        {
            throw new ProtocolException($"GET {attribute}: answered in blocks, which a register never needs");
        }
        return answer.Value.Result == DataAccessResult.Success ? answer.Value.Data : null;
    }

    /// <summary>One association's transport: APDUs in wrapper frames, or in HDLC I-frames with their sequence numbers.</summary>
    private sealed class Session(IMeterLine line, bool tcp, byte client, byte server)
    {
        private readonly FrameReader _reader = new(line, 4096);
        private readonly HdlcAddress _client = HdlcAddress.Client(client);
        private readonly HdlcAddress _server = HdlcAddress.Server(server);
        private int _send;
        private int _receive;

        public async Task OpenAsync(CancellationToken cancellationToken)
        {
            if (tcp)
            {
                return;
            }
            await WriteAsync(HdlcFrame.Snrm(_server, _client), cancellationToken);
            var ua = await _reader.ReadAsync(m => HdlcCodec.TryDecode(m.Span), AnswerTimeout, cancellationToken);
            if (ua.Type != HdlcFrameType.UnnumberedAcknowledge)
            {
                throw new ProtocolException($"SNRM answered with {ua.Type}, not UA");
            }
        }

        public async Task<ReadOnlyMemory<byte>> ExchangeAsync(byte[] apdu, CancellationToken cancellationToken)
        {
            _reader.Clear();
            if (tcp)
            {
                var output = new ArrayBufferWriter<byte>(apdu.Length + WrapperFrame.HeaderLength);
                new WrapperFrame(client, server, apdu).Encode(output);
                await line.WriteAsync(output.WrittenMemory, cancellationToken);
                var frame = await _reader.ReadAsync(m => WrapperFrame.TryDecode(m.Span), AnswerTimeout, cancellationToken);
                return frame.Destination == client ? frame.Apdu : throw new ProtocolException($"wrapper frame for client {frame.Destination}");
            }
            await WriteAsync(HdlcFrame.Info(_server, _client, _send, _receive, HdlcLlc.Wrap(apdu, response: false)), cancellationToken);
            _send = (_send + 1) % 8;
            var answer = await _reader.ReadAsync(m => HdlcCodec.TryDecode(m.Span), AnswerTimeout, cancellationToken);
            if (answer.Type != HdlcFrameType.Information || answer.Segmented)
            {
                throw new ProtocolException($"expected one I-frame, got {answer.Type}{(answer.Segmented ? " (segmented)" : "")}");
            }
            _receive = (answer.SendSequence + 1) % 8;
            var stripped = HdlcLlc.Strip(answer.Information);
            return stripped.IsSuccess ? stripped.Value : throw new ProtocolException(stripped.Error.ToString());
        }

        private async Task WriteAsync(HdlcFrame frame, CancellationToken cancellationToken)
        {
            var output = new ArrayBufferWriter<byte>(64);
            HdlcCodec.Encode(frame, output);
            await line.WriteAsync(output.WrittenMemory, cancellationToken);
        }
    }
}
