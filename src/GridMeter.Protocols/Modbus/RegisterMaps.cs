namespace GridMeter.Protocols.Modbus;

/// <summary>
/// The register maps GridMeter knows, by the name the gateway configuration uses ("map": "sdm630").
/// Eastron SDM120 / SDM630 Modbus protocol: input registers (function 4), float32 pairs, addresses
/// as the "30001 = 0x0000" tables of the Eastron manuals.
/// </summary>
public static class RegisterMaps
{
    public static RegisterMap Sdm630 { get; } = new("sdm630", ModbusFunction.ReadInputRegisters,
    [
        F(0x0000, "1-0:32.7.0", "V"), F(0x0002, "1-0:52.7.0", "V"), F(0x0004, "1-0:72.7.0", "V"),
        F(0x0006, "1-0:31.7.0", "A"), F(0x0008, "1-0:51.7.0", "A"), F(0x000A, "1-0:71.7.0", "A"),
        F(0x000C, "1-0:21.7.0", "W", "1-0:22.7.0"), F(0x000E, "1-0:41.7.0", "W", "1-0:42.7.0"), F(0x0010, "1-0:61.7.0", "W", "1-0:62.7.0"),
        F(0x0012, "1-0:29.7.0", "VA"), F(0x0014, "1-0:49.7.0", "VA"), F(0x0016, "1-0:69.7.0", "VA"),
        F(0x0018, "1-0:23.7.0", "var", "1-0:24.7.0"), F(0x001A, "1-0:43.7.0", "var", "1-0:44.7.0"), F(0x001C, "1-0:63.7.0", "var", "1-0:64.7.0"),
        F(0x001E, "1-0:33.7.0", ""), F(0x0020, "1-0:53.7.0", ""), F(0x0022, "1-0:73.7.0", ""),
        F(0x0034, "1-0:1.7.0", "W", "1-0:2.7.0"),
        F(0x0038, "1-0:9.7.0", "VA"),
        F(0x003C, "1-0:3.7.0", "var", "1-0:4.7.0"),
        F(0x003E, "1-0:13.7.0", ""),
        F(0x0046, "1-0:14.7.0", "Hz"),
        F(0x0048, "1-0:1.8.0", "kWh"), F(0x004A, "1-0:2.8.0", "kWh"),
        F(0x004C, "1-0:3.8.0", "kvarh"), F(0x004E, "1-0:4.8.0", "kvarh"),
        F(0x0156, "1-0:15.8.0", "kWh"),
    ]);

    public static RegisterMap Sdm120 { get; } = new("sdm120", ModbusFunction.ReadInputRegisters,
    [
        F(0x0000, "1-0:32.7.0", "V"),
        F(0x0006, "1-0:31.7.0", "A"),
        F(0x000C, "1-0:1.7.0", "W", "1-0:2.7.0"),
        F(0x0012, "1-0:9.7.0", "VA"),
        F(0x0018, "1-0:3.7.0", "var", "1-0:4.7.0"),
        F(0x001E, "1-0:13.7.0", ""),
        F(0x0046, "1-0:14.7.0", "Hz"),
        F(0x0048, "1-0:1.8.0", "kWh"), F(0x004A, "1-0:2.8.0", "kWh"),
        F(0x004C, "1-0:3.8.0", "kvarh"), F(0x004E, "1-0:4.8.0", "kvarh"),
        F(0x0156, "1-0:15.8.0", "kWh"),
    ]);

    public static IReadOnlyList<RegisterMap> All { get; } = [Sdm120, Sdm630];

    public static RegisterMap? Find(string name) => All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));

    private static RegisterMapEntry F(ushort address, string obis, string unit, string? export = null) =>
        new(address, RegisterFormat.Float32, Obis.Parse(obis), unit, export is null ? null : Obis.Parse(export));
}
