using GridMeter.Simulator.Fleets;
using GridMeter.Simulator.Meters;
using NodaTime;

namespace GridMeter.Server.Demo;

/// <summary>
/// The demo utility's meters: always the same 20 households (fixed seed and installation date), so
/// a restarted demo continues the same register series instead of contradicting what it stored.
/// </summary>
public static class DemoFleet
{
    public const string SupplierId = "demo-energy";
    public const string OperatorId = "demo-grid";
    public const string Password = "demo";
    public const int Size = 20;

    private static readonly Instant InstalledAt = Instant.FromUtc(2026, 1, 1, 0, 0);

    /// <summary>Simulated meters that also send 1-second live values.</summary>
    public const int LiveMeters = 5;

    public static string CredentialsPath(string dataDir) => Path.Combine(dataDir, "demo-devices.json");

    public static IReadOnlyList<VirtualMeter> Build() => new FleetBuilder(seed: 2026, Size, InstalledAt)
    {
        Zones = [.. new[] { "Europe/Rome", "Europe/Berlin", "Europe/London", "America/New_York" }.Select(z => DateTimeZoneProviders.Tzdb[z])],
    }.Build();
}
