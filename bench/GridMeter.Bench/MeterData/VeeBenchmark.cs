using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using GridMeter.Domain.Consumption;
using GridMeter.Domain.Vee;
using GridMeter.Server.Readings;
using NodaTime;
using VeeRules = GridMeter.Domain.Vee.Vee;

namespace GridMeter.Bench.MeterData;

/// <summary>
/// Validation and estimation per reading against the bare cost of parsing the same readings
/// payloads with System.Text.Json's source-generated deserializer, both on one core: VEE must not
/// be what limits a server that keeps up with its devices.
/// </summary>
public sealed class VeeBenchmark : IBenchmark
{
    private static readonly DateTimeZone Rome = DateTimeZoneProviders.Tzdb["Europe/Rome"];
    private static readonly Duration Quarter = Duration.FromMinutes(15);

    public string Name => "vee";

    public string Description => "validation + estimation per reading vs source-generated JSON parsing of the same payloads (one core)";

    public async Task<BenchmarkResult> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var (meters, days) = context.Quick ? (200, 14) : (1000, 28);
        var profiles = new Profile[meters];
        var work = new List<(int Meter, List<RegisterPoint> Points)>();
        var payloads = new List<byte[]>();
        for (var m = 0; m < meters; m++)
        {
            var all = HouseholdSeries.Readings(m + 1, 1, days + 28, m)
                .Select(r => new RegisterPoint(Instant.FromUnixTimeSeconds(r.Ts), r.Value)).ToList();
            var split = all.FindIndex(p => p.Timestamp >= Instant.FromUnixTimeSeconds(HouseholdSeries.Start + (28 * 86_400L)));
            profiles[m] = Profile.Learn(new RegisterSeries(all[..split], Quarter), all[0].Timestamp, all[split].Timestamp, Rome);
            for (var start = split; start < all.Count - 1; start += 96)
            {
                var day = all.GetRange(start, Math.Min(96, all.Count - start));
                payloads.Add(Payload(day));
                // The job sees a day with the reading before it, as it loads them.
                work.Add((m, all.GetRange(start - 1, day.Count + 1)));
            }
        }
        var readings = work.Sum(w => w.Points.Count - 1);
        context.Progress($"{payloads.Count:N0} payloads, {readings:N0} readings, {meters} meters with learned profiles");

        var limit = new ConnectionLimit(1, 230, 63);
        var now = Instant.FromUnixTimeSeconds(HouseholdSeries.Start + ((days + 30) * 86_400L));
        var (flagged, estimated, composed) = (0, 0, 0L);
        int Parse()
        {
            var parsed = 0;
            foreach (var payload in payloads)
            {
                parsed += JsonSerializer.Deserialize(payload, ReadingsJson.Default.ReadingsMessage)!.Readings.Count;
            }
            return parsed;
        }
        int Validate()
        {
            (flagged, estimated, composed) = (0, 0, 0);
            foreach (var (meter, points) in work)
            {
                var input = new VeeInput(points, [], [], limit, profiles[meter], VeeSettings.Default, Rome, Quarter, now);
                var outcome = VeeRules.Run(input);
                var series = VeeRules.Corrected(points, outcome.Rollovers, outcome.Estimates, outcome.Flags, [], Quarter);
                flagged += outcome.Flags.Count;
                estimated += outcome.Estimates.Count;
                composed += series.Count;
            }
            return flagged;
        }

        // A warm-up of each, then rounds alternating the two, so a machine busier in one moment weighs on both alike.
        Parse();
        Validate();
        var (parse, vee) = (double.MaxValue, double.MaxValue);
        for (var round = 0; round < 5; round++)
        {
            parse = Math.Min(parse, Time(Parse));
            vee = Math.Min(vee, Time(Validate));
        }
        context.Progress($"JSON parse: {readings / parse:N0} readings/s");
        context.Progress($"VEE: {readings / vee:N0} readings/s ({flagged} suspect spans, {estimated} gaps estimated, {composed:N0} corrected points per pass)");

        var (jobReadings, jobSeconds) = await JobThroughput.MeasureAsync(context.WorkDir, context.Quick ? 50 : 200, 30, cancellationToken);
        context.Progress($"the job end to end on SQLite (a 30-day backlog): {jobReadings / jobSeconds:N0} readings/s");
        return new BenchmarkResult()
            .Add("ratio", parse / vee)
            .Add("vee_readings_per_s", readings / vee)
            .Add("parse_readings_per_s", readings / parse)
            .Add("readings", readings)
            .Add("suspect_spans", flagged)
            .Add("gaps_estimated", estimated)
            .Add("job_readings_per_s", jobReadings / jobSeconds);
    }

    private static double Time(Func<int> run)
    {
        var watch = Stopwatch.StartNew();
        run();
        return watch.Elapsed.TotalSeconds;
    }

    private static byte[] Payload(List<RegisterPoint> day)
    {
        var json = new StringBuilder("{\"readings\":[");
        for (var i = 0; i < day.Count; i++)
        {
            json.Append(CultureInfo.InvariantCulture, $"{(i > 0 ? "," : "")}{{\"ts\":\"{day[i].Timestamp}\",\"values\":{{\"1-0:1.8.0\":{day[i].Wh / 1000m}}}}}");
        }
        return Encoding.UTF8.GetBytes(json.Append("]}").ToString());
    }
}
