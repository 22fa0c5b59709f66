using System.Buffers;
using System.Globalization;
using System.Threading.Channels;
using GridMeter.Gateway.Configuration;
using GridMeter.Gateway.Serial;
using GridMeter.Protocols.Iec62056;

namespace GridMeter.Gateway.Drivers;

/// <summary>
/// IEC 62056-21 mode C readout: sign-on at 300 baud 7E1, the meter's identification names its speed,
/// the option select acknowledges it, both sides switch, and the meter sends its data block. The
/// meter's 0.9.1/0.9.2 time and date become its clock for the clock check.
/// </summary>
public sealed class Iec62056Driver(MeterConfig meter, TimeProvider clock, TimeZoneInfo zone, ILogger logger) : MeterDriver(meter, clock, logger)
{
    protected override LineSettings InitialSettings => LineSettings.Iec7E1(Meter.Baud ?? 300);

    protected override async Task RunSessionAsync(IMeterLine line, ChannelWriter<MeterSample> samples, CancellationToken cancellationToken)
    {
        var reader = new FrameReader(line);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Meter.PollSeconds), Clock);
        do
        {
            line.Configure(InitialSettings);
            reader.Clear();
            await SendAsync(line, new SignOnRequest(Meter.DeviceAddress).Encode, cancellationToken);
            var identification = await reader.ReadAsync(static m => IdentificationMessage.TryDecode(m.Span), TimeSpan.FromSeconds(3), cancellationToken);
            var baud = identification.Mode == ProtocolMode.C && identification.BaudRate is { } offered ? offered : InitialSettings.BaudRate;
            await SendAsync(line, OptionSelectMessage.DataReadout(baud).Encode, cancellationToken);
            line.Configure(LineSettings.Iec7E1(baud)); // §6.4.3: switch after the acknowledgement has left
            var data = await reader.ReadAsync(static m => DataMessage.TryDecode(m.Span), TimeSpan.FromSeconds(15), cancellationToken);
            await samples.WriteAsync(new MeterSample(Meter.Id, Now, data.Values().ToList()) { MeterClock = MeterClock(data) }, cancellationToken);
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));
    }

    private DateTimeOffset? MeterClock(DataMessage data)
    {
        var time = Digits(data, "0.9.1");
        var date = Digits(data, "0.9.2");
        if (time is not { Length: 6 } || date is not { Length: 6 }
            || !DateTime.TryParseExact(date + time, "yyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private static string? Digits(DataMessage data, string address) =>
        data.DataSets.FirstOrDefault(s => s.Address == address || s.Address == "1-0:" + address || s.Address == "0-0:" + address) is { } set
            ? new string(set.Value.Where(char.IsAsciiDigit).ToArray()) : null;

    private static async Task SendAsync(IMeterLine line, Action<IBufferWriter<byte>> encode, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        encode(buffer);
        await line.WriteAsync(buffer.WrittenMemory, cancellationToken);
    }
}
