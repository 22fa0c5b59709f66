using System.Text;
using System.Text.Json;
using GridMeter.Domain.Commands;

namespace GridMeter.Server.Commands;

/// <summary>{"status":"succeeded"|"failed"|"rejected","result":{}} on meters/{id}/commands/{cid}/result (CONTRACT section 2).</summary>
public sealed record CommandResultPayload(string Status, string? ResultJson)
{
    public const int MaxResultBytes = 16 * 1024;

    public static bool TryDecode(ReadOnlySpan<byte> utf8, out CommandResultPayload? payload, out string? error)
    {
        payload = null;
        try
        {
            using var document = JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.String
                || !CommandStatus.IsDeviceAnswer(status.GetString()!))
            {
                error = "the payload must be {\"status\":\"succeeded\"|\"failed\"|\"rejected\",\"result\":{…}}";
                return false;
            }
            string? result = null;
            if (root.TryGetProperty("result", out var element) && element.ValueKind != JsonValueKind.Null)
            {
                result = element.GetRawText();
                if (Encoding.UTF8.GetByteCount(result) > MaxResultBytes)
                {
                    error = $"'result' is larger than {MaxResultBytes} bytes";
                    return false;
                }
            }
            payload = new CommandResultPayload(status.GetString()!, result);
            error = null;
            return true;
        }
        catch (JsonException e)
        {
            error = $"not valid JSON: {e.Message}";
            return false;
        }
    }

    /// <summary>The relay position the meter reports in its result, if any: {"relay":"open"|"closed"}.</summary>
    public string? Relay()
    {
        if (ResultJson is null)
        {
            return null;
        }
        using var document = JsonDocument.Parse(ResultJson);
        return document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("relay", out var relay) && relay.ValueKind == JsonValueKind.String
            && relay.GetString() is "open" or "closed" ? relay.GetString() : null;
    }
}
