using System.Text.Json;

namespace GridMeter.Gateway.Configuration;

/// <summary>Reads and checks the configuration file; every mistake is reported at once, before anything starts.</summary>
public static class GatewayConfigFile
{
    public static readonly IReadOnlySet<string> Protocols = new HashSet<string>(StringComparer.Ordinal) { "dsmr", "iec62056-21", "dlms", "modbus-rtu", "modbus-tcp" };

    public static GatewayConfig Load(string path)
    {
        GatewayConfig? config;
        try
        {
            config = JsonSerializer.Deserialize(File.ReadAllText(path), GatewayJson.Default.GatewayConfig);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid JSON ({e.Message})", e);
        }
        var problems = Check(config ?? new GatewayConfig());
        return problems.Count == 0 ? config! : throw new InvalidDataException($"{path}: {string.Join("; ", problems)}");
    }

    public static List<string> Check(GatewayConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var problems = new List<string>();
        if (!IsId(config.Id))
        {
            problems.Add("id: 1 to 64 characters from A-Z a-z 0-9 . _ -");
        }
        if (!Uri.TryCreate(config.Broker, UriKind.Absolute, out var broker) || broker.Scheme is not ("mqtt" or "mqtts"))
        {
            problems.Add("broker: mqtt://host:port");
        }
        if (config.Meters.Count == 0)
        {
            problems.Add("meters: at least one");
        }
        if (config.RegisterSeconds < 1 || config.ArchiveSeconds < 1 || config.UplinkRetrySeconds < 1)
        {
            problems.Add("registerSeconds, archiveSeconds, uplinkRetrySeconds: positive");
        }
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(config.TimeZone, out _))
        {
            problems.Add($"timeZone: unknown zone '{config.TimeZone}'");
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var meter in config.Meters)
        {
            var where = $"meter '{meter.Id}'";
            if (!IsId(meter.Id) || !ids.Add(meter.Id))
            {
                problems.Add($"{where}: a unique id of 1 to 64 characters from A-Z a-z 0-9 . _ -");
            }
            if (!Protocols.Contains(meter.Protocol))
            {
                problems.Add($"{where}: protocol is one of {string.Join(", ", Protocols)}");
            }
            if (string.IsNullOrWhiteSpace(meter.Port))
            {
                problems.Add($"{where}: port is a device path or tcp://host:port");
            }
            if (meter.PollSeconds is < 0.1 or > 86_400 || meter.Address is < 0 or > 247)
            {
                problems.Add($"{where}: pollSeconds 0.1 to 86400, address 0 to 247");
            }
            if (meter.ClientAddress is < 1 or > 127 || meter.ServerAddress is < 1 or > 127 || meter.Password is not { Length: <= 64 } || !meter.Password.All(char.IsAscii))
            {
                problems.Add($"{where}: clientAddress and serverAddress 1 to 127, password at most 64 ASCII characters");
            }
        }
        return problems;
    }

    /// <summary>CONTRACT section 2: ids match [A-Za-z0-9._-]{1,64}.</summary>
    private static bool IsId(string? id) =>
        id is { Length: > 0 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}
