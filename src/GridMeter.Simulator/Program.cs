using GridMeter.Simulator.Devices;
using GridMeter.Simulator.Fleets;
using NodaTime;

namespace GridMeter.Simulator;

/// <summary>A fleet of virtual meters against a GridMeter broker. See README.md beside this file.</summary>
internal static class SimulatorProgram
{
    private static async Task<int> Main(string[] args)
    {
        var options = SimulatorArguments.Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine(SimulatorArguments.Usage);
            return 2;
        }
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };

        var zones = options.Zones.Select(z => DateTimeZoneProviders.Tzdb[z]).ToList();
        var meters = new FleetBuilder(options.Seed, options.Meters, Instant.FromUtc(2026, 1, 1, 0, 0)) { Zones = zones }.Build();
        var credentials = options.Server is null
            ? await Provisioning.LoadAsync(options.CredentialsFile, stop.Token)
            : await Provisioning.ProvisionAsync(options.Server, options.Username, options.Password, meters, stop.Token);
        if (options.Server is not null)
        {
            await Provisioning.SaveAsync(options.CredentialsFile, credentials, stop.Token);
            Console.WriteLine($"provisioned {credentials.Count} meters; secrets in {options.CredentialsFile}");
        }

        var start = Instant.FromDateTimeOffset(TimeProvider.System.GetUtcNow()) - Duration.FromDays(options.DaysBack);
        var clock = new SimulatedClock(TimeProvider.System, start, options.Speed);
        var fleet = new MqttFleet(meters, credentials, new FleetOptions(options.Broker)
        {
            LiveMeters = options.LiveMeters,
            OutagesPerDay = options.OutagesPerDay,
            Seed = options.Seed,
        }, clock);
        Console.WriteLine($"{fleet.Devices.Count} meters → {options.Broker}, from {start} at {options.Speed}x; Ctrl+C stops");
        var run = fleet.RunAsync(stop.Token);
        while (!run.IsCompleted)
        {
            await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None));
            Console.WriteLine($"{clock.Now}: {fleet.Counters}");
        }
        return 0;
    }
}
