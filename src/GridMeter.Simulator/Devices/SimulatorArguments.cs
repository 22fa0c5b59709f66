using System.Globalization;

namespace GridMeter.Simulator.Devices;

/// <summary>The simulator's command line.</summary>
public sealed record SimulatorArguments(Uri Broker)
{
    public const string Usage = """
        usage: GridMeter.Simulator --broker mqtt://127.0.0.1:1883 [options]
          --meters N             fleet size (default 20), ids MTR-00001 …
          --credentials FILE     device secrets as JSON [{"meterId","secret"}] (default simulator-devices.json)
          --provision URL        create the meters on this server first (with --user, --password) and write FILE
          --user NAME --password PASSWORD   an admin or supplier login for --provision
          --live N               meters sending 1-second live values (default 0)
          --days-back D          start D days ago and catch up (default 0)
          --speed X              simulated time runs X times faster until it reaches now (default 1)
          --outages R            simulated power cuts per meter per day (default 0)
          --zone Z               IANA time zone, repeatable (default Europe/Rome)
          --seed N               (default 1)
        """;

    public int Meters { get; init; } = 20;

    public string CredentialsFile { get; init; } = "simulator-devices.json";

    public Uri? Server { get; init; }

    public string Username { get; init; } = "admin";

    public string Password { get; init; } = "";

    public int LiveMeters { get; init; }

    public double DaysBack { get; init; }

    public double Speed { get; init; } = 1;

    public double OutagesPerDay { get; init; }

    public IReadOnlyList<string> Zones { get; init; } = ["Europe/Rome"];

    public int Seed { get; init; } = 1;

    public static SimulatorArguments? Parse(string[] args)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                return null;
            }
            values.TryAdd(args[i][2..], []);
            values[args[i][2..]].Add(args[i + 1]);
        }
        if (args.Length % 2 != 0 || !values.TryGetValue("broker", out var broker))
        {
            return null;
        }
        string? One(string key) => values.TryGetValue(key, out var v) ? v[^1] : null;
        double Number(string key, double fallback) => One(key) is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;
        return new SimulatorArguments(new Uri(broker[^1]))
        {
            Meters = (int)Number("meters", 20),
            CredentialsFile = One("credentials") ?? "simulator-devices.json",
            Server = One("provision") is { } server ? new Uri(server) : null,
            Username = One("user") ?? "admin",
            Password = One("password") ?? "",
            LiveMeters = (int)Number("live", 0),
            DaysBack = Number("days-back", 0),
            Speed = Number("speed", 1),
            OutagesPerDay = Number("outages", 0),
            Zones = values.TryGetValue("zone", out var zones) ? zones : ["Europe/Rome"],
            Seed = (int)Number("seed", 1),
        };
    }
}
