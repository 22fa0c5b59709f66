namespace GridMeter.Simulator.Meters;

/// <summary>
/// Register values at installation, in kWh with at most three decimals (whole Wh). The import total
/// 1-0:1.8.0 starts at day plus night, so the tariff registers always add up to it.
/// </summary>
public sealed record InitialRegisters(decimal ImportDayKwh, decimal ImportNightKwh, decimal ExportKwh)
{
    public static InitialRegisters Zero { get; } = new(0m, 0m, 0m);

    public decimal ImportKwh => ImportDayKwh + ImportNightKwh;

    internal long ImportDayWh => Kwh.ToWh(ImportDayKwh, nameof(ImportDayKwh));

    internal long ImportNightWh => Kwh.ToWh(ImportNightKwh, nameof(ImportNightKwh));

    internal long ExportWh => Kwh.ToWh(ExportKwh, nameof(ExportKwh));
}
