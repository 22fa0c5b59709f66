using GridMeter.Domain.Readings;
using GridMeter.Simulator.Households;
using GridMeter.Simulator.Meters;
using NodaTime;

namespace GridMeter.Simulator.Tests;

/// <summary>Households and meters the tests share, and readings of them in Wh.</summary>
internal static class Sample
{
    public static readonly DateTimeZone Rome = DateTimeZoneProviders.Tzdb["Europe/Rome"];

    public static readonly LocalDate FirstOfMarch = new(2026, 3, 1);

    public static Instant StartOf(LocalDate date, DateTimeZone? zone = null) => (zone ?? Rome).AtStartOfDay(date).ToInstant();

    public static Household Household(HouseholdArchetype archetype, long seed, int phases = 1) =>
        GridMeter.Simulator.Households.Household.Create(archetype, seed, Premises.In(Rome, phases));

    public static VirtualMeter Meter(HouseholdArchetype archetype, long seed, LocalDate? installed = null, TariffWindow? tariff = null, int phases = 1) =>
        Meter(Household(archetype, seed, phases), installed, tariff);

    public static VirtualMeter Meter(Household household, LocalDate? installed = null, TariffWindow? tariff = null) =>
        new(new MeterSetup("MTR-TEST", household, StartOf(installed ?? FirstOfMarch, household.Premises.Zone)) { Tariff = tariff });

    public static long Wh(RegisterSnapshot snapshot, ObisCode code) => (long)(snapshot.Values[code] * 1000m);

    public static long Wh(ApplianceSnapshot snapshot, ObisCode code) => Wh(snapshot.Registers, code);

    /// <summary>Net energy (import less export) in Wh of each step of a series.</summary>
    public static long[] NetSteps(IReadOnlyList<RegisterSnapshot> series)
    {
        var steps = new long[series.Count - 1];
        for (var i = 0; i < steps.Length; i++)
        {
            steps[i] = Wh(series[i + 1], ObisCode.ActiveImport) - Wh(series[i], ObisCode.ActiveImport)
                - (Wh(series[i + 1], ObisCode.ActiveExport) - Wh(series[i], ObisCode.ActiveExport));
        }
        return steps;
    }
}
