using System.Text.Json;
using GridMeter.Domain.Readings;
using GridMeter.Server.Readings;

namespace GridMeter.Server.Live;

/// <summary>
/// Decodes {"ts":"…","values":{"1-0:1.7.0":0.42,"1-0:32.7.0":231.2,…}} (CONTRACT section 2) and
/// checks each value against what the quantity can physically be.
/// </summary>
public static class LivePayload
{
    public const int MaxValues = 64;

    public static bool TryDecode(ReadOnlySpan<byte> utf8, out LiveSnapshot? snapshot, out string? error)
    {
        snapshot = null;
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 4 });
            error = Read(ref reader, out snapshot);
            return error is null;
        }
        catch (JsonException e)
        {
            error = $"not valid JSON: {e.Message}";
            return false;
        }
    }

    private static string? Read(ref Utf8JsonReader reader, out LiveSnapshot? snapshot)
    {
        snapshot = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return "the live payload must be a JSON object {\"ts\":…,\"values\":{…}}";
        }
        NodaTime.Instant? ts = null;
        Dictionary<ObisCode, decimal>? values = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            string? problem = null;
            if (name == "ts")
            {
                problem = ReadingsPayload.ReadTimestamp(ref reader, out var instant);
                ts = instant;
            }
            else if (name == "values")
            {
                problem = ReadValues(ref reader, out values);
            }
            else
            {
                reader.Skip();
            }
            if (problem is not null)
            {
                return problem;
            }
        }
        if (ts is null || values is null || values.Count == 0)
        {
            return "'ts' and a non-empty 'values' are required";
        }
        snapshot = new LiveSnapshot(ts.Value, values);
        return null;
    }

    private static string? ReadValues(ref Utf8JsonReader reader, out Dictionary<ObisCode, decimal>? values)
    {
        values = [];
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return "'values' must be an object of OBIS code → number";
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            if (!ObisCode.TryParse(key, out var code) || !code.IsInstantaneous)
            {
                return $"'{(key.Length > 40 ? key[..40] : key)}' is not an instantaneous OBIS code (C.7.E)";
            }
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDecimal(out var value))
            {
                return $"the value of '{code}' must be a number";
            }
            if (!InRange(code, value))
            {
                return $"'{code}' = {value} is outside what a meter can measure";
            }
            if (values.Count >= MaxValues || !values.TryAdd(code, value))
            {
                return $"'{code}' appears twice, or more than {MaxValues} values";
            }
        }
        return null;
    }

    /// <summary>Physical plausibility, generous enough for any low-voltage connection.</summary>
    private static bool InRange(ObisCode code, decimal value) => code.Unit switch
    {
        "V" => value is >= 0 and <= 1_000,
        "A" => value is >= -10_000 and <= 10_000,
        "Hz" => value is >= 0 and <= 100,
        "kW" or "kvar" => value is >= -100_000 and <= 100_000,
        _ => code.C == 13 ? value is >= -1 and <= 1 : value is >= -1_000_000 and <= 1_000_000,
    };
}
