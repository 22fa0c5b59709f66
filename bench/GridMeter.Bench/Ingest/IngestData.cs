using GridMeter.Simulator.Fleets;
using GridMeter.Simulator.Wire;
using NodaTime;

namespace GridMeter.Bench.Ingest;

/// <summary>
/// The workload: every meter sends its quarter-hour registers a day per message (96 snapshots of
/// four registers: 1.8.0, 1.8.1, 1.8.2, 2.8.0), as a fleet catching up after a night offline does.
/// Generated once, before anything is timed.
/// </summary>
internal sealed class IngestData
{
    private IngestData(string[] meterIds, byte[][][] messages, long readings)
    {
        MeterIds = meterIds;
        Messages = messages;
        Readings = readings;
    }

    public string[] MeterIds { get; }

    /// <summary>Per meter, its messages in the order it sends them.</summary>
    public byte[][][] Messages { get; }

    public long Readings { get; }

    public static IngestData Generate(int meters, int days, Instant end)
    {
        var fleet = new FleetBuilder(seed: 7, meters, end - Duration.FromDays(days + 1)).Build();
        var messages = new byte[meters][][];
        long readings = 0;
        Parallel.For(0, meters, m =>
        {
            var meter = fleet[m];
            messages[m] = new byte[days][];
            long count = 0;
            for (var d = 0; d < days; d++)
            {
                var from = end - Duration.FromDays(days - d);
                var snapshots = meter.SnapshotsBetween(from, from + Duration.FromDays(1), Duration.FromMinutes(15));
                messages[m][d] = MeterPayloads.Readings(snapshots);
                count += snapshots.Sum(s => s.Values.Count);
            }
            Interlocked.Add(ref readings, count);
        });
        return new IngestData([.. fleet.Select(m => m.Id)], messages, readings);
    }
}
