using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using GridMeter.Gateway.Configuration;
using GridMeter.Gateway.Drivers;
using GridMeter.Gateway.Tests.Serial;
using GridMeter.Protocols;
using GridMeter.Simulator.Fleets;
using GridMeter.Simulator.Serial;
using NodaTime;

namespace GridMeter.Gateway.Tests.Drivers;

/// <summary>Each driver against a virtual serial meter of its protocol, over a socat pseudo-terminal pair.</summary>
public sealed class MeterDriverTests
{
    private static readonly Obis Import = new(1, 0, 1, 8, 0);
    private static readonly Obis Voltage = new(1, 0, 32, 7, 0);

    [Theory]
    [InlineData("dsmr", "sdm630")]
    [InlineData("iec62056-21", "sdm630")]
    [InlineData("dlms", "sdm630")]
    [InlineData("modbus-rtu", "sdm630")]
    [InlineData("modbus-rtu", "sdm120")]
    public async Task A_driver_reads_the_registers_and_live_values_the_virtual_meter_shows(string protocol, string map)
    {
        var ct = TestContext.Current.CancellationToken;
        var meter = new FleetBuilder(5, 1, Instant.FromUtc(2026, 11, 1, 0, 0)).Build()[0];
        await using var terminals = await PseudoTerminals.StartAsync();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _ = SerialMeterHost.ServePathAsync(terminals.MeterSide, SerialMeters.Create(protocol, meter, TimeProvider.System, 1, map), stop.Token);
        var config = new MeterConfig { Id = meter.Id, Protocol = protocol, Port = terminals.GatewaySide, Map = map, PollSeconds = 0.5 };
        using var logs = new GridMeter.Server.Tests.LogCapture();
        using var factory = new Microsoft.Extensions.Logging.LoggerFactory([logs]);
        var driver = MeterDrivers.Create(config, TimeProvider.System, TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome"), factory);
        var samples = Channel.CreateUnbounded<MeterSample>();
        var running = driver.RunAsync(samples.Writer, stop.Token);

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(TimeSpan.FromSeconds(10));
        MeterSample sample;
        try
        {
            sample = await samples.Reader.ReadAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail("no sample within 10 s; driver log: " + string.Join(" | ", logs.Entries));
            throw;
        }
        await stop.CancelAsync();
        await running;

        var truth = MeterReadout.Of(meter, Instant.FromDateTimeOffset(sample.At));
        var registers = Local.LiveBoard.Registers(sample);
        // Float32 Modbus registers carry about seven digits: 10 Wh on a five-digit kWh register.
        var tolerance = protocol == "modbus-rtu" ? 0.02m : 0.002m;
        Assert.InRange(registers[Import], truth.Register(Import) - tolerance - 0.01m, truth.Register(Import) + tolerance);
        Assert.InRange(sample.Values.Single(v => v.Obis == Voltage).Value, 200m, 260m);
        Assert.Equal(meter.Id, sample.MeterId);
        if (protocol is "dsmr" or "iec62056-21" or "dlms")
        {
            Assert.NotNull(sample.MeterClock);
            Assert.InRange((sample.MeterClock!.Value - sample.At).Duration(), TimeSpan.Zero, TimeSpan.FromSeconds(3));
        }
    }

    [Fact]
    public async Task The_DLMS_driver_reads_registers_with_scaler_and_unit_and_the_clock_over_the_TCP_wrapper_with_a_password()
    {
        var ct = TestContext.Current.CancellationToken;
        var meter = new FleetBuilder(6, 1, Instant.FromUtc(2026, 11, 1, 0, 0)).Build()[0];
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        try
        {
            _ = SerialMeterHost.ServeTcpAsync(listener, new DlmsMeter(meter, TimeProvider.System, wrapper: true, password: "12345678"), stop.Token);
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var (sample, log) = await FirstSampleAsync(
                new MeterConfig { Id = meter.Id, Protocol = "dlms", Port = $"tcp://127.0.0.1:{port}", Password = "12345678", PollSeconds = 0.5 }, stop, ct);
            Assert.True(sample is not null, "no sample within 10 s; driver log: " + log);

            var truth = MeterReadout.Of(meter, Instant.FromDateTimeOffset(sample.At));
            var import = sample.Values.Single(v => v.Obis == Import);
            Assert.Equal("kWh", import.Unit);
            Assert.InRange(import.Value, truth.Register(Import) - 0.002m, truth.Register(Import) + 0.002m);
            var voltage = sample.Values.Single(v => v.Obis == Voltage);
            Assert.Equal("V", voltage.Unit);
            Assert.InRange(voltage.Value, 200m, 260m);
            Assert.Equal(decimal.Round(voltage.Value, 1), voltage.Value); // scaler −1: tenths of a volt
            Assert.Contains(sample.Values, v => v.Obis == new Obis(1, 0, 2, 8, 0) && v.Unit == "kWh");
            Assert.Contains(sample.Values, v => v.Obis == new Obis(1, 0, 1, 7, 0) && v.Unit == "kW");
            Assert.NotNull(sample.MeterClock);
            Assert.InRange((sample.MeterClock!.Value - sample.At).Duration(), TimeSpan.Zero, TimeSpan.FromSeconds(3));
        }
        finally
        {
            await stop.CancelAsync();
            listener.Stop();
        }
    }

    [Fact]
    public async Task A_DLMS_meter_refuses_a_wrong_password_and_the_driver_publishes_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var meter = new FleetBuilder(7, 1, Instant.FromUtc(2026, 11, 1, 0, 0)).Build()[0];
        await using var terminals = await PseudoTerminals.StartAsync();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _ = SerialMeterHost.ServePathAsync(terminals.MeterSide, new DlmsMeter(meter, TimeProvider.System, wrapper: false, password: "right"), stop.Token);
        var (sample, log) = await FirstSampleAsync(
            new MeterConfig { Id = meter.Id, Protocol = "dlms", Port = terminals.GatewaySide, Password = "wrong", PollSeconds = 0.5 }, stop, ct, TimeSpan.FromSeconds(3));
        Assert.Null(sample);
        Assert.Contains("refused the association (diagnostic 13)", log, StringComparison.Ordinal);
    }

    /// <summary>Runs the configured driver until its first sample or the wait ends; then stops it.</summary>
    private static async Task<(MeterSample? Sample, string Log)> FirstSampleAsync(MeterConfig config, CancellationTokenSource stop, CancellationToken ct, TimeSpan? wait = null)
    {
        using var logs = new GridMeter.Server.Tests.LogCapture();
        using var factory = new Microsoft.Extensions.Logging.LoggerFactory([logs]);
        var driver = MeterDrivers.Create(config, TimeProvider.System, TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome"), factory);
        var samples = Channel.CreateUnbounded<MeterSample>();
        var running = driver.RunAsync(samples.Writer, stop.Token);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(wait ?? TimeSpan.FromSeconds(10));
        MeterSample? sample = null;
        try
        {
            sample = await samples.Reader.ReadAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // no sample in time
        }
        await stop.CancelAsync();
        await running;
        return (sample, string.Join(" | ", logs.Entries));
    }
}
