namespace GridMeter.Simulator.Meters;

/// <summary>
/// What a meter has counted since installation: import and export in joules, and how many of the
/// imported Wh fell in the day tariff. Each whole Wh is a pulse credited to the tariff in force when
/// it completes, so day plus night is always exactly the total.
/// </summary>
internal readonly record struct MeterTotals(long ImportJoules, long ExportJoules, long DayTariffWh)
{
    public long ImportWh => ImportJoules / 3600;

    public long ExportWh => ExportJoules / 3600;

    public long NightTariffWh => ImportWh - DayTariffWh;

    public MeterTotals Plus(long importJoules, long exportJoules, bool dayTariff)
    {
        var import = ImportJoules + importJoules;
        var pulses = (import / 3600) - ImportWh;
        return new MeterTotals(import, ExportJoules + exportJoules, dayTariff ? DayTariffWh + pulses : DayTariffWh);
    }
}
