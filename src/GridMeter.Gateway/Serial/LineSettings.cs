namespace GridMeter.Gateway.Serial;

/// <summary>
/// Serial framing. IEC 62056-21 and DSMR 2.2–4 use 7 data bits with even parity; DSMR 5 uses 8N1 at
/// 115200 baud; Modbus RTU meters are usually 8N1 or 8E1 at 9600.
/// </summary>
public readonly record struct LineSettings(int BaudRate, int DataBits = 8, LineParity Parity = LineParity.None, int StopBits = 1)
{
    public static LineSettings Iec7E1(int baudRate) => new(baudRate, 7, LineParity.Even);

    public override string ToString() => $"{BaudRate} {DataBits}{Parity.ToString()[0]}{StopBits}";
}
