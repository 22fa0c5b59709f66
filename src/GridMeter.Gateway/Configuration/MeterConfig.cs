namespace GridMeter.Gateway.Configuration;

/// <summary>One meter behind the gateway: how to reach it and how often to ask.</summary>
public sealed class MeterConfig
{
    public string Id { get; set; } = "";

    /// <summary>dsmr, iec62056-21, dlms, modbus-rtu, modbus-tcp.</summary>
    public string Protocol { get; set; } = "";

    /// <summary>A serial device path or tcp://host:port.</summary>
    public string Port { get; set; } = "";

    /// <summary>Line speed; the protocol's usual one when absent (DSMR 5: 115200, IEC sign-on: 300, DLMS and Modbus: 9600).</summary>
    public int? Baud { get; set; }

    /// <summary>Modbus unit address, or the IEC 62056-21 device address when given.</summary>
    public int Address { get; set; } = 1;

    /// <summary>IEC 62056-21 device address on a multi-drop bus; empty asks whichever meter listens.</summary>
    public string DeviceAddress { get; set; } = "";

    /// <summary>Modbus register map: sdm120 or sdm630.</summary>
    public string Map { get; set; } = "sdm630";

    /// <summary>DLMS client SAP / HDLC client address (16: public client, 1: management client).</summary>
    public int ClientAddress { get; set; } = 16;

    /// <summary>DLMS server SAP / HDLC logical device address (1: management logical device).</summary>
    public int ServerAddress { get; set; } = 1;

    /// <summary>DLMS low-level security password; empty associates without security.</summary>
    public string Password { get; set; } = "";

    /// <summary>Seconds between polls of meters that must be asked (IEC, DLMS, Modbus); DSMR meters push on their own.</summary>
    public double PollSeconds { get; set; } = 1;
}
