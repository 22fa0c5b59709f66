using System.Text.Json;
using GridMeter.Server.Readings;
using NodaTime;

namespace GridMeter.Server.Appliances;

/// <summary>
/// The on/off state a smart plug reports beside its readings (CONTRACT section 2: an optional
/// "state" per reading): the one of the latest reading that has it.
/// </summary>
public static class ApplianceStates
{
    public static (Instant At, string State)? Latest(ReadOnlySpan<byte> utf8)
    {
        (Instant, string)? latest = null;
        var reader = new Utf8JsonReader(utf8);
        var depth = 0;
        Instant? ts = null;
        string? state = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    depth++;
                    (ts, state) = depth == 2 ? (null, null) : (ts, state);
                    break;
                case JsonTokenType.EndObject:
                    if (depth == 2 && ts is { } at && state is not null && (latest is null || at >= latest.Value.Item1))
                    {
                        latest = (at, state);
                    }
                    depth--;
                    break;
                case JsonTokenType.PropertyName when depth == 2 && reader.ValueTextEquals("ts"u8):
                    reader.Read();
                    ts = ReadingsPayload.ReadTimestamp(ref reader, out var instant) is null ? instant : null;
                    break;
                case JsonTokenType.PropertyName when depth == 2 && reader.ValueTextEquals("state"u8):
                    reader.Read();
                    state = reader.TokenType == JsonTokenType.String && reader.GetString() is "on" or "off" ? reader.GetString() : null;
                    break;
                case JsonTokenType.PropertyName when depth == 2:
                    reader.Read();
                    reader.Skip();
                    break;
            }
        }
        return latest;
    }
}
