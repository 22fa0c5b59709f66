using GridMeter.Protocols.Modbus;
using GridMeter.Simulator.Meters;

namespace GridMeter.Simulator.Serial;

/// <summary>Makes the virtual serial meter for a protocol name as the gateway configuration writes it.</summary>
public static class SerialMeters
{
    public static ISerialMeter Create(string protocol, VirtualMeter meter, TimeProvider clock, byte address = 1, string map = "sdm630") =>
        protocol switch
        {
            "dsmr" => new DsmrP1Meter(meter, clock),
            "iec62056-21" => new Iec62056ModeCMeter(meter, clock),
            "dlms" => new DlmsMeter(meter, clock, wrapper: false),
            "modbus-rtu" => new ModbusRtuMeter(meter, clock, address, RegisterMaps.Find(map) ?? throw new ArgumentException($"no register map '{map}'", nameof(map))),
            _ => throw new ArgumentException($"no virtual serial meter speaks '{protocol}'", nameof(protocol)),
        };
}
