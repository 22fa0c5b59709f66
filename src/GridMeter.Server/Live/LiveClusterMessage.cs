using System.Text.Json;
using GridMeter.Domain.Readings;
using NodaTime;

namespace GridMeter.Server.Live;

/// <summary>A live snapshot on its way to the other nodes (channel "live"): the meter's key, Unix milliseconds, values by OBIS code.</summary>
public sealed record LiveClusterMessage(long Meter, long Ts, Dictionary<string, decimal> Values)
{
    public const string Channel = "live";

    public static string Encode(long meterKey, LiveSnapshot snapshot) => JsonSerializer.Serialize(
        new LiveClusterMessage(meterKey, snapshot.Timestamp.ToUnixTimeMilliseconds(), snapshot.Values.ToDictionary(v => v.Key.ToString(), v => v.Value)),
        LiveJson.Default.LiveClusterMessage);

    public static (long MeterKey, LiveSnapshot Snapshot)? Decode(string payload)
    {
        var message = JsonSerializer.Deserialize(payload, LiveJson.Default.LiveClusterMessage);
        if (message?.Values is null)
        {
            return null;
        }
        var values = new Dictionary<ObisCode, decimal>();
        foreach (var (code, value) in message.Values)
        {
            if (ObisCode.TryParse(code, out var obis))
            {
                values[obis] = value;
            }
        }
        return (message.Meter, new LiveSnapshot(Instant.FromUnixTimeMilliseconds(message.Ts), values));
    }
}
