using GridMeter.Domain.Analytics;
using GridMeter.Simulator.Households;
using GridMeter.Simulator.Meters;
using NodaTime;

namespace GridMeter.Domain.Tests.Analytics;

public sealed class FaultDetectionTests
{
    private const int HistoryDays = 28;

    private static readonly LocalDate FirstDay = new(2026, 3, 2);

    private static readonly FaultKind?[] Variants = [null, FaultKind.StuckOn, FaultKind.Stopped, FaultKind.Overpower];

    [Fact]
    public void Faults_injected_into_simulated_appliances_are_found_with_precision_and_recall_of_at_least_0_9()
    {
        var fleet = SimulatedFleet.Build(seed: 21, perArchetype: 4, new LocalDate(2026, 1, 1));
        var appliances = fleet.SelectMany((meter, m) => meter.Household.Appliances
                .Where(a => a.Kind is not (ApplianceKind.PvInverter or ApplianceKind.BaseLoad) && !RunsNowAndThen(a.Kind))
                .Select(a => (Meter: meter, Day: FirstDay.PlusDays(m % 7), a.Id)))
            .ToList();

        var outcomes = appliances.AsParallel().SelectMany(a => Cases(a.Meter, a.Id, a.Day)).ToList();

        // A fault that changed nothing that day (an overpowering washing machine not run) is there for no one to see.
        var judged = outcomes.Where(o => o.Kind is null || o.Visible).ToList();
        var (tp, fp, fn) = (judged.Count(o => o.Kind is not null && o.Found.Count > 0), judged.Count(o => o.Kind is null && o.Found.Count > 0), judged.Count(o => o.Kind is not null && o.Found.Count == 0));
        var (precision, recall) = (tp / (double)(tp + fp), tp / (double)(tp + fn));
        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine($"{judged.Count} appliance-days judged ({judged.Count(o => o.Kind is not null)} faulty; {outcomes.Count - judged.Count} faults left no trace): "
            + $"precision {precision:0.000}, recall {recall:0.000} (tp {tp}, fp {fp}, fn {fn})");
        foreach (var group in judged.GroupBy(o => (o.Kind, o.Id.Split('-')[0])).OrderBy(g => g.Key.ToString()))
        {
            output?.WriteLine($"{group.Key}: {group.Count(o => o.Found.Count > 0)}/{group.Count()} flagged; {string.Join(" ", group.SelectMany(o => o.Found).GroupBy(f => f.Rule).Select(g => $"{g.Key}={g.Count()}"))}");
        }
        Assert.True(tp + fn >= 300, "enough faulty cases to mean something");
        Assert.True(precision >= 0.9, $"precision {precision:0.000}");
        Assert.True(recall >= 0.9, $"recall {recall:0.000}");
    }

    /// <summary>
    /// Machines run a few times a week: a day without a wash is no sign the washer stopped, nor a day
    /// an overpowering one was not run a sign of health; one day says too little about them to count.
    /// </summary>
    private static bool RunsNowAndThen(ApplianceKind kind) => kind is ApplianceKind.WashingMachine or ApplianceKind.Dishwasher or ApplianceKind.EvCharger;

    /// <summary>One appliance on one day, healthy and with each fault from 01:00: its history is the same for all four.</summary>
    private static IEnumerable<(FaultKind? Kind, string Id, bool Visible, List<Fault> Found)> Cases(VirtualMeter healthy, string applianceId, LocalDate day)
    {
        var zone = healthy.Zone;
        var dayStart = zone.AtStartOfDay(day).ToInstant();
        var historyStart = dayStart - Duration.FromDays(HistoryDays);
        var history = SimulatedFleet.ApplianceHours(healthy, applianceId, historyStart, HistoryDays * 24)
            .Select((v, h) => new HourValue(historyStart + Duration.FromHours(h), (long)v)).ToList();
        var baseline = HourOfWeekBaseline.Learn(history, zone);
        var healthyDay = SimulatedFleet.ApplianceHours(healthy, applianceId, dayStart, 24);
        foreach (var kind in Variants)
        {
            var meter = kind is { } k
                ? new VirtualMeter(healthy.Setup with { Household = healthy.Household.WithFaults(new ApplianceFault(applianceId, k, dayStart + Duration.FromHours(1))) })
                : healthy;
            var wh = kind is null ? healthyDay : SimulatedFleet.ApplianceHours(meter, applianceId, dayStart, 24);
            var changed = wh.Zip(healthyDay, (a, b) => Math.Abs(a - b)).Sum();
            var hours = wh.Select((v, h) => new HourValue(dayStart + Duration.FromHours(h), (long)v)).ToList();
            yield return (kind, applianceId, changed >= Math.Max(20, 0.1 * healthyDay.Sum()), FaultDetection.Check(baseline, hours, zone, FaultSettings.Default));
        }
    }
}
