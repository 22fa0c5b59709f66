using System.Text.Json;

namespace GridMeter.Server.Devices;

/// <summary>
/// The status payload {"online":true,"firmware":"1.4.2","relay":"closed","rssi":-70} (CONTRACT
/// section 2); every field optional, so a will of {"online":false} only changes online.
/// </summary>
public sealed record StatusPayload(bool? Online, string? Firmware, string? Relay, int? Rssi)
{
    public static bool TryDecode(ReadOnlySpan<byte> utf8, out StatusPayload status, out string? error)
    {
        status = new StatusPayload(null, null, null, null);
        error = null;
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 4 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "the status payload must be a JSON object";
                return false;
            }
            while (error is null && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                (status, error) = name switch
                {
                    "online" when reader.TokenType is JsonTokenType.True or JsonTokenType.False => (status with { Online = reader.GetBoolean() }, null),
                    "firmware" when reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length <= 64 => (status with { Firmware = reader.GetString() }, null),
                    "relay" when reader.TokenType == JsonTokenType.String && reader.GetString() is "open" or "closed" => (status with { Relay = reader.GetString() }, null),
                    "rssi" when reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var rssi) && rssi is >= -200 and <= 50 => (status with { Rssi = rssi }, null),
                    "online" or "firmware" or "relay" or "rssi" => (status, $"'{name}' has an invalid value"),
                    _ => (status, Skip(ref reader)),
                };
            }
            return error is null;
        }
        catch (JsonException e)
        {
            error = $"not valid JSON: {e.Message}";
            return false;
        }
    }

    private static string? Skip(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }
}
