using GridMeter.Domain.Readings;
using GridMeter.Simulator.Fleets;
using GridMeter.Simulator.Households;
using GridMeter.Simulator.Meters;
using NodaTime;

namespace GridMeter.Domain.Tests.Analytics;

/// <summary>Fleets of simulated households of known archetypes, read as the server would store them: quarter-hours and hours in Wh.</summary>
internal static class SimulatedFleet
{
    public static readonly DateTimeZone Rome = DateTimeZoneProviders.Tzdb["Europe/Rome"];

    public static IReadOnlyList<VirtualMeter> Build(long seed, int perArchetype, LocalDate installed) =>
        new FleetBuilder(seed, perArchetype * Enum.GetValues<HouseholdArchetype>().Length, Rome.AtStartOfDay(installed).ToInstant())
        {
            Mix = Enum.GetValues<HouseholdArchetype>().ToDictionary(a => a, _ => 1.0),
        }.Build();

    /// <summary>Net Wh (import less export), or imported Wh alone, in each quarter-hour of a local day (92 or 100 on DST days).</summary>
    public static double?[] QuarterHours(VirtualMeter meter, LocalDate date, bool net = true)
    {
        var start = meter.Zone.AtStartOfDay(date).ToInstant();
        var end = meter.Zone.AtStartOfDay(date.PlusDays(1)).ToInstant();
        var snapshots = meter.SnapshotsBetween(start, end + Duration.FromMinutes(1), Duration.FromMinutes(15));
        var quarters = new double?[snapshots.Count - 1];
        for (var i = 0; i < quarters.Length; i++)
        {
            quarters[i] = (double)(snapshots[i + 1].Values[ObisCode.ActiveImport] - snapshots[i].Values[ObisCode.ActiveImport]
                - (net ? snapshots[i + 1].Values[ObisCode.ActiveExport] - snapshots[i].Values[ObisCode.ActiveExport] : 0)) * 1000;
        }
        return quarters;
    }

    /// <summary>An appliance's Wh in each of <paramref name="hours"/> hours from <paramref name="from"/>.</summary>
    public static double[] ApplianceHours(VirtualMeter meter, string applianceId, Instant from, int hours)
    {
        var result = new double[hours];
        var previous = Wh(meter.ApplianceSnapshotAt(applianceId, from));
        for (var h = 0; h < hours; h++)
        {
            var next = Wh(meter.ApplianceSnapshotAt(applianceId, from + Duration.FromHours(h + 1)));
            result[h] = next - previous;
            previous = next;
        }
        return result;
    }

    private static double Wh(ApplianceSnapshot snapshot) => (double)snapshot.Registers.Values[ObisCode.ActiveImport] * 1000;
}
