using System.Threading.Channels;
using GridMeter.Gateway.Configuration;
using GridMeter.Gateway.Serial;
using GridMeter.Protocols;
using GridMeter.Protocols.Iec62056;

namespace GridMeter.Gateway.Drivers;

/// <summary>
/// A DSMR P1 port: the meter pushes a telegram every second (DSMR 5) or ten (DSMR 2.2–4) and the
/// gateway only listens. Each telegram's CRC is checked; a bad one is dropped. New entries in the
/// power-failure log become power_down events.
/// </summary>
public sealed class DsmrDriver(MeterConfig meter, TimeProvider clock, ILogger logger) : MeterDriver(meter, clock, logger)
{
    private HashSet<DateTimeOffset>? _knownFailures;

    // DSMR 5.0.2 §5.4: 115200 8N1; DSMR 2.2–3 ports run 9600 7E1.
    protected override LineSettings InitialSettings =>
        Meter.Baud is { } baud and < 115200 ? LineSettings.Iec7E1(baud) : new LineSettings(Meter.Baud ?? 115200);

    protected override async Task RunSessionAsync(IMeterLine line, ChannelWriter<MeterSample> samples, CancellationToken cancellationToken)
    {
        var reader = new FrameReader(line);
        while (true)
        {
            // A DSMR 2.2 meter pushes every 10 s; half a minute of silence means the cable is out.
            var telegram = await reader.ReadAsync(static m => Decode(m.Span), TimeSpan.FromSeconds(30), cancellationToken);
            await samples.WriteAsync(Sample(telegram), cancellationToken);
        }
    }

    internal MeterSample Sample(DsmrTelegram telegram) =>
        new(Meter.Id, Now, telegram.Values.Where(v => v.Obis.A == 1).ToList())
        {
            MeterClock = telegram.Timestamp,
            Events = NewPowerFailures(telegram),
        };

    internal static DecodeResult<DsmrTelegram> Decode(ReadOnlySpan<byte> buffer)
    {
        if (!DsmrParser.TryFindTelegram(buffer, out var start, out var length))
        {
            return ProtocolError.Incomplete("no whole telegram yet");
        }
        var parsed = DsmrParser.Parse(buffer.Slice(start, length));
        return parsed.TryGetValue(out var telegram) ? new DecodeResult<DsmrTelegram>(telegram, start + length) : parsed.Error;
    }

    private List<MeterEventNote> NewPowerFailures(DsmrTelegram telegram)
    {
        var ends = telegram.PowerFailures.Where(f => f.End is not null).ToList();
        if (_knownFailures is null)
        {
            // The log already holds failures from before the gateway started; the head-end had its chance at those.
            _knownFailures = ends.Select(f => f.End!.Value).ToHashSet();
            return [];
        }
        var events = new List<MeterEventNote>();
        foreach (var failure in ends.Where(f => _knownFailures.Add(f.End!.Value)))
        {
            events.Add(new MeterEventNote(failure.End!.Value - failure.Duration, "power_down",
                new Dictionary<string, string> { ["durationSeconds"] = ((long)failure.Duration.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        }
        return events;
    }
}
