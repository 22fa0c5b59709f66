using FsCheck;
using FsCheck.Fluent;
using GridMeter.Domain.Consumption;
using GridMeter.Domain.Vee;
using NodaTime;

namespace GridMeter.Domain.Tests.Vee;

/// <summary>
/// A random register series as a meter would deliver it: mostly quarter-hourly, with silences from
/// minutes to days, exact re-sends, re-sends with another value and single wild readings (spikes),
/// stored the way the database stores them (the first value of an instant wins).
/// </summary>
internal sealed record SeriesScenario(IReadOnlyList<RegisterPoint> Stored, IReadOnlyList<Instant> Conflicts, string Zone)
{
    public static readonly Instant Origin = Instant.FromUtc(2026, 3, 20, 0, 0);

    private enum Kind { Normal, Gap, Duplicate, Conflict, Spike }

    private sealed record Step(Kind Kind, int Minutes, int Wh);

    public static Gen<SeriesScenario> Generator { get; } =
        from zone in Gen.Elements("Europe/Rome", "America/New_York", "UTC")
        from count in Gen.Choose(1, 1500)
        from steps in Gen.ListOf(StepGen, count)
        select Build(steps, zone);

    private static Gen<Step> StepGen { get; } = Gen.Frequency(
        (80, from wh in Gen.Choose(0, 900) from jitter in Gen.Choose(-1, 1) select new Step(Kind.Normal, 15 + jitter, wh)),
        (6, from minutes in Gen.Choose(30, 3 * 24 * 60) from wh in Gen.Choose(0, 20_000) select new Step(Kind.Gap, minutes, wh)),
        (5, Gen.Constant(new Step(Kind.Duplicate, 0, 0))),
        (5, from wh in Gen.Choose(1, 5_000) select new Step(Kind.Conflict, 0, wh)),
        (4, from wh in Gen.Choose(5_000, 400_000) select new Step(Kind.Spike, 15, wh)));

    private static SeriesScenario Build(IEnumerable<Step> steps, string zone)
    {
        var received = new List<RegisterPoint> { new(Origin, 1_234_567) };
        var t = Origin;
        var wh = 1_234_567L;
        foreach (var step in steps)
        {
            switch (step.Kind)
            {
                case Kind.Duplicate:
                    received.Add(received[^1]);
                    break;
                case Kind.Conflict:
                    received.Add(received[^1] with { Wh = received[^1].Wh + step.Wh });
                    break;
                case Kind.Spike:
                    // One wild value; the register itself carries on normally.
                    t += Duration.FromMinutes(step.Minutes);
                    received.Add(new RegisterPoint(t, wh + step.Wh));
                    break;
                default:
                    t += Duration.FromMinutes(step.Minutes);
                    wh += step.Wh;
                    received.Add(new RegisterPoint(t, wh));
                    break;
            }
        }
        // The store keeps the first value of each instant and records a different one as a conflict.
        var stored = new List<RegisterPoint>();
        var conflicts = new List<Instant>();
        foreach (var point in received)
        {
            if (stored.Count > 0 && stored[^1].Timestamp == point.Timestamp)
            {
                if (stored[^1].Wh != point.Wh)
                {
                    conflicts.Add(point.Timestamp);
                }
                continue;
            }
            stored.Add(point);
        }
        return new SeriesScenario(stored, conflicts, zone);
    }

    public override string ToString() => $"{Stored.Count} readings over {(Stored[^1].Timestamp - Stored[0].Timestamp).TotalDays:0.#} days in {Zone}, {Conflicts.Count} conflicts";
}
