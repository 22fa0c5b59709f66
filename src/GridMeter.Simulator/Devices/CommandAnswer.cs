using System.Text;
using System.Text.Json;

namespace GridMeter.Simulator.Devices;

/// <summary>A virtual meter's answer to a command, and the event it reports with it (null: none).</summary>
public sealed record CommandAnswer(string CommandId, string Status, Dictionary<string, object?> Result, string? Event)
{
    public byte[] ToPayload()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("status", Status);
            json.WriteStartObject("result");
            foreach (var (name, value) in Result)
            {
                switch (value)
                {
                    case decimal number: json.WriteNumber(name, number); break;
                    case null: json.WriteNull(name); break;
                    default: json.WriteString(name, value.ToString()); break;
                }
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    public override string ToString() => $"{CommandId}: {Status} {Encoding.UTF8.GetString(ToPayload())}";
}
