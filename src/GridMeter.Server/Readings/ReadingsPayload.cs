using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using GridMeter.Domain.Readings;
using NodaTime;
using NodaTime.Text;

namespace GridMeter.Server.Readings;

/// <summary>
/// Decodes the readings payload of CONTRACT section 2 straight from UTF-8:
/// {"readings":[{"ts":"2026-11-21T10:15:00Z" | 1795256100000,"values":{"1-0:1.8.0":1234.567}}]}.
/// Unknown properties are skipped so devices can add fields; anything else malformed is reported
/// with the path of the offending element.
/// </summary>
public static class ReadingsPayload
{
    private static readonly OffsetDateTimePattern Rfc3339 = OffsetDateTimePattern.ExtendedIso;

    public static bool TryDecode(ReadOnlySpan<byte> utf8, out List<RegisterSnapshot> snapshots, out string? error)
    {
        snapshots = [];
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 8 });
            error = ReadMessage(ref reader, snapshots);
            return error is null;
        }
        catch (JsonException e)
        {
            error = $"not valid JSON: {e.Message}";
            return false;
        }
    }

    private static string? ReadMessage(ref Utf8JsonReader reader, List<RegisterSnapshot> snapshots)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return "the payload must be a JSON object {\"readings\":[…]}";
        }
        var sawReadings = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("readings"u8))
            {
                reader.Read();
                reader.Skip();
                continue;
            }
            sawReadings = true;
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                return "'readings' must be an array";
            }
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (snapshots.Count >= ReadingLimits.Default.MaxSnapshots)
                {
                    return $"a message holds at most {ReadingLimits.Default.MaxSnapshots} readings";
                }
                var problem = ReadSnapshot(ref reader, out var snapshot);
                if (problem is not null)
                {
                    return string.Create(CultureInfo.InvariantCulture, $"readings[{snapshots.Count}]: {problem}");
                }
                snapshots.Add(snapshot!);
            }
        }
        return sawReadings ? null : "the payload has no 'readings' array";
    }

    private static string? ReadSnapshot(ref Utf8JsonReader reader, out RegisterSnapshot? snapshot)
    {
        snapshot = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return "each reading must be an object with 'ts' and 'values'";
        }
        Instant? ts = null;
        Dictionary<ObisCode, decimal>? values = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string? problem;
            if (reader.ValueTextEquals("ts"u8))
            {
                reader.Read();
                problem = ReadTimestamp(ref reader, out var instant);
                ts = instant;
            }
            else if (reader.ValueTextEquals("values"u8))
            {
                reader.Read();
                problem = ReadValues(ref reader, out values);
            }
            else
            {
                reader.Read();
                reader.Skip();
                problem = null;
            }
            if (problem is not null)
            {
                return problem;
            }
        }
        if (ts is null || values is null)
        {
            return ts is null ? "'ts' is missing" : "'values' is missing";
        }
        snapshot = new RegisterSnapshot(ts.Value, values);
        return null;
    }

    public static string? ReadTimestamp(ref Utf8JsonReader reader, out Instant instant)
    {
        instant = default;
        if (reader.TokenType == JsonTokenType.Number)
        {
            // Unix epoch milliseconds, as small devices without a date formatter send.
            if (!reader.TryGetInt64(out var ms) || ms < 0 || ms > 253_402_300_799_999)
            {
                return "'ts' as a number must be Unix epoch milliseconds";
            }
            instant = Instant.FromUnixTimeMilliseconds(ms);
            return null;
        }
        if (reader.TokenType != JsonTokenType.String)
        {
            return "'ts' must be an RFC 3339 time with offset or Unix epoch milliseconds";
        }
        var text = reader.GetString()!;
        var parsed = Rfc3339.Parse(text);
        if (!parsed.Success)
        {
            return $"'ts' \"{Truncate(text)}\" is not an RFC 3339 time with an offset (2026-11-21T10:15:00Z)";
        }
        instant = parsed.Value.ToInstant();
        return null;
    }

    private static string? ReadValues(ref Utf8JsonReader reader, out Dictionary<ObisCode, decimal>? values)
    {
        values = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return "'values' must be an object of OBIS code → number";
        }
        values = [];
        Span<char> name = stackalloc char[32];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // The longest OBIS code, "255-255:255.255.255", has 19 characters.
            if (reader.ValueSpan.Length > name.Length)
            {
                return $"'{Truncate(reader.GetString()!)}' is not an OBIS code A-B:C.D.E";
            }
            var length = reader.CopyString(name);
            if (!ObisCode.TryParse(name[..length], out var code))
            {
                return $"'{Truncate(reader.GetString()!)}' is not an OBIS code A-B:C.D.E";
            }
            reader.Read();
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDecimal(out var value))
            {
                return $"the value of '{code}' must be a number";
            }
            if (!values.TryAdd(code, value))
            {
                return $"'{code}' appears twice";
            }
        }
        return null;
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
