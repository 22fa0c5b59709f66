using System.Buffers;
using System.Text;
using System.Text.Json;
using GridMeter.Domain.Readings;
using GridMeter.Server.Readings;
using NodaTime;

namespace GridMeter.Server.Events;

/// <summary>
/// Decodes {"events":[{"ts":"…","type":"tamper","details":{}}]} (CONTRACT section 2). Types are
/// lower-case words; unknown ones are kept. Details stay as the JSON object the meter sent.
/// </summary>
public static class EventsPayload
{
    public const int MaxEvents = 1000;
    public const int MaxDetailsBytes = 4096;

    public static bool TryDecode(ReadOnlySpan<byte> utf8, Instant now, ReadingLimits limits, out List<MeterEvent> events, out string? error)
    {
        events = [];
        try
        {
            using var document = JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
            error = Read(document.RootElement, now, limits, events);
        }
        catch (JsonException e)
        {
            error = $"not valid JSON: {e.Message}";
        }
        return error is null;
    }

    private static string? Read(JsonElement root, Instant now, ReadingLimits limits, List<MeterEvent> events)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("events", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return "the payload must be {\"events\":[…]}";
        }
        if (list.GetArrayLength() is 0 or > MaxEvents)
        {
            return $"a message holds 1 to {MaxEvents} events";
        }
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var problem = ReadEvent(item, now, limits, out var meterEvent);
            if (problem is not null)
            {
                return $"events[{index}]: {problem}";
            }
            events.Add(meterEvent!);
            index++;
        }
        return null;
    }

    private static string? ReadEvent(JsonElement item, Instant now, ReadingLimits limits, out MeterEvent? meterEvent)
    {
        meterEvent = null;
        if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("ts", out var tsElement) || !item.TryGetProperty("type", out var typeElement))
        {
            return "each event needs 'ts' and 'type'";
        }
        var tsBytes = Encoding.UTF8.GetBytes(tsElement.GetRawText());
        var reader = new Utf8JsonReader(tsBytes);
        reader.Read();
        var problem = ReadingsPayload.ReadTimestamp(ref reader, out var ts);
        if (problem is not null)
        {
            return problem;
        }
        if (ts > now + limits.MaxAhead || ts < now - limits.MaxAge)
        {
            return $"timestamp {ts} is outside the accepted window ({limits.MaxAhead.TotalMinutes:0} minutes ahead, {limits.MaxAge.TotalDays:0} days back)";
        }
        var type = typeElement.ValueKind == JsonValueKind.String ? typeElement.GetString()! : "";
        if (type.Length is 0 or > 40 || type.AsSpan().ContainsAnyExcept(TypeCharacters))
        {
            return "'type' must be 1 to 40 characters a-z, 0-9 and _";
        }
        string? details = null;
        if (item.TryGetProperty("details", out var detailsElement) && detailsElement.ValueKind != JsonValueKind.Null)
        {
            if (detailsElement.ValueKind != JsonValueKind.Object)
            {
                return "'details' must be an object";
            }
            details = detailsElement.GetRawText();
            if (Encoding.UTF8.GetByteCount(details) > MaxDetailsBytes)
            {
                return $"'details' is larger than {MaxDetailsBytes} bytes";
            }
        }
        meterEvent = new MeterEvent(ts, type, details);
        return null;
    }

    private static readonly SearchValues<char> TypeCharacters = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789_");
}
