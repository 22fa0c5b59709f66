using GridMeter.Domain.Readings;

namespace GridMeter.Simulator.Meters;

/// <summary>The OBIS codes a virtual meter reports besides those the domain names.</summary>
internal static class MeterObis
{
    public static readonly ObisCode ImportDay = new(1, 0, 1, 8, 1);
    public static readonly ObisCode ImportNight = new(1, 0, 1, 8, 2);

    /// <summary>Per phase L1, L2, L3: active import power, export power, voltage, current.</summary>
    public static readonly ObisCode[] PhaseImport = [new(1, 0, 21, 7, 0), new(1, 0, 41, 7, 0), new(1, 0, 61, 7, 0)];
    public static readonly ObisCode[] PhaseExport = [new(1, 0, 22, 7, 0), new(1, 0, 42, 7, 0), new(1, 0, 62, 7, 0)];
    public static readonly ObisCode[] PhaseVoltage = [new(1, 0, 32, 7, 0), new(1, 0, 52, 7, 0), new(1, 0, 72, 7, 0)];
    public static readonly ObisCode[] PhaseCurrent = [new(1, 0, 31, 7, 0), new(1, 0, 51, 7, 0), new(1, 0, 71, 7, 0)];

    public static readonly ObisCode[] WithTariffs = [ObisCode.ActiveImport, ImportDay, ImportNight, ObisCode.ActiveExport];
    public static readonly ObisCode[] WithoutTariffs = [ObisCode.ActiveImport, ObisCode.ActiveExport];
    public static readonly ObisCode[] ApplianceImport = [ObisCode.ActiveImport];
    public static readonly ObisCode[] ApplianceGeneration = [ObisCode.ActiveImport, ObisCode.ActiveExport];
}
