using System.Text;
using GridMeter.Gateway.Serial;

namespace GridMeter.Gateway.Tests.Serial;

public sealed class TtyLineTests
{
    [Fact]
    public async Task Bytes_written_on_one_pseudo_terminal_arrive_on_the_other_in_both_directions()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var terminals = await PseudoTerminals.StartAsync();
        await using var meter = TtyLine.Open(terminals.MeterSide, LineSettings.Iec7E1(300));
        await using var gateway = await MeterLines.OpenAsync(terminals.GatewaySide, new LineSettings(115200), ct);

        await gateway.WriteAsync("/?!\r\n"u8.ToArray(), ct);
        Assert.Equal("/?!\r\n", await ReadTextAsync(meter, 5, ct));

        gateway.Configure(LineSettings.Iec7E1(9600)); // a baud-rate switch mid-conversation keeps the line usable
        await meter.WriteAsync("/GMS5GridMeter\r\n"u8.ToArray(), ct);
        Assert.Equal("/GMS5GridMeter\r\n", await ReadTextAsync(gateway, 16, ct));
    }

    [Fact]
    public async Task A_waiting_read_gives_up_when_cancelled_although_nothing_arrives()
    {
        await using var terminals = await PseudoTerminals.StartAsync();
        await using var line = TtyLine.Open(terminals.GatewaySide, new LineSettings(9600));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await line.ReadAsync(new byte[16], cancel.Token));
    }

    [Fact]
    public void Opening_a_path_that_is_no_device_fails_with_the_reason()
    {
        var error = Assert.Throws<IOException>(() => TtyLine.Open("/nonexistent/ttyUSB9", new LineSettings(9600)));
        Assert.Contains("/nonexistent/ttyUSB9", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(300, 7u)]
    [InlineData(9600, 13u)]
    [InlineData(115200, 0x1002u)]
    public void Standard_speeds_map_to_the_linux_termios_constants(int baud, uint constant) =>
        Assert.Equal(constant, Termios.SpeedConstant(baud));

    private static async Task<string> ReadTextAsync(IMeterLine line, int count, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        var buffer = new byte[count];
        var total = 0;
        while (total < count)
        {
            total += await line.ReadAsync(buffer.AsMemory(total), timeout.Token);
        }
        return Encoding.ASCII.GetString(buffer);
    }
}
