using GridMeter.Gateway.Configuration;

namespace GridMeter.Gateway.Drivers;

/// <summary>The driver for each configured meter's protocol.</summary>
public static class MeterDrivers
{
    public static MeterDriver Create(MeterConfig meter, TimeProvider clock, TimeZoneInfo zone, ILoggerFactory logs)
    {
        ArgumentNullException.ThrowIfNull(meter);
        ArgumentNullException.ThrowIfNull(logs);
        var logger = logs.CreateLogger("GridMeter.Gateway.Drivers." + meter.Id);
        return meter.Protocol switch
        {
            "dsmr" => new DsmrDriver(meter, clock, logger),
            "iec62056-21" => new Iec62056Driver(meter, clock, zone, logger),
            "dlms" => new DlmsDriver(meter, clock, logger),
            "modbus-rtu" or "modbus-tcp" => new ModbusDriver(meter, clock, logger),
            _ => throw new ArgumentException($"no driver for protocol '{meter.Protocol}'", nameof(meter)),
        };
    }
}
