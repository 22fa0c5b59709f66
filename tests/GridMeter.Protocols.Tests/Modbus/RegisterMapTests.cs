using GridMeter.Protocols.Modbus;

namespace GridMeter.Protocols.Tests.Modbus;

public sealed class RegisterMapTests
{
    [Fact]
    public void Sdm630_input_registers_read_as_obis_values_in_kw_and_kwh()
    {
        var registers = new ushort[0x50];
        Float(registers, 0x00, 230.1f);
        Float(registers, 0x06, 5.25f);
        Float(registers, 0x0C, -1250.5f);
        Float(registers, 0x34, 3400f);
        Float(registers, 0x46, 50.01f);
        Float(registers, 0x48, 12345.67f);

        var values = RegisterMaps.Sdm630.Decode(0, registers).ToDictionary(v => v.Obis.ToString(), v => (v.Value, v.Unit));

        Assert.Equal((230.1m, "V"), values["1-0:32.7.0"]);
        Assert.Equal((5.25m, "A"), values["1-0:31.7.0"]);
        // A negative phase power is export: Eastron signs it, OBIS splits it into 21.7.0 and 22.7.0.
        Assert.Equal((0m, "kW"), values["1-0:21.7.0"]);
        Assert.Equal((1.2505m, "kW"), values["1-0:22.7.0"]);
        Assert.Equal((3.4m, "kW"), values["1-0:1.7.0"]);
        Assert.Equal((50.01m, "Hz"), values["1-0:14.7.0"]);
        Assert.Equal((12345.67m, "kWh"), values["1-0:1.8.0"]);
    }

    [Fact]
    public void Read_plan_covers_every_entry_within_the_meter_limit()
    {
        var plan = RegisterMaps.Sdm630.ReadPlan();
        Assert.All(RegisterMaps.Sdm630.Entries, e => Assert.Contains(plan, b => e.Address >= b.Start && e.End <= b.Start + b.Count));
        Assert.All(plan, b => Assert.InRange(b.Count, 2, RegisterMaps.Sdm630.MaxRegistersPerRead));
        Assert.Equal([new RegisterBlock(0, 0x50), new RegisterBlock(0x156, 2)], plan);
        Assert.Equal(ModbusRequest.ReadInput(0, 0x50), plan[0].ToRequest(RegisterMaps.Sdm630.Function));
    }

    [Fact]
    public void A_virtual_sdm120_answers_with_registers_that_read_back_the_same_values()
    {
        var values = new Dictionary<Obis, decimal>
        {
            [Obis.Parse("1-0:32.7.0")] = 229.8m,
            [Obis.Parse("1-0:1.7.0")] = 0m,
            [Obis.Parse("1-0:2.7.0")] = 0.75m,
            [Obis.Parse("1-0:1.8.0")] = 4321.5m,
        };
        var registers = new ushort[0x50];
        RegisterMaps.Sdm120.Encode(0, registers, values);
        var read = RegisterMaps.Sdm120.Decode(0, registers).ToDictionary(v => v.Obis, v => v.Value);
        Assert.All(values, v => Assert.Equal(v.Value, read[v.Key]));
        Assert.Same(RegisterMaps.Sdm630, RegisterMaps.Find("SDM630"));
        Assert.Null(RegisterMaps.Find("unknown"));
    }

    private static void Float(ushort[] registers, int address, float value)
    {
        var bits = BitConverter.SingleToUInt32Bits(value);
        registers[address] = (ushort)(bits >> 16);
        registers[address + 1] = (ushort)bits;
    }
}
