using System.Text;
using System.Text.Json;

namespace GridMeter.Server.Audit;

public static class AuditDetails
{
    /// <summary>A small JSON object for <see cref="AuditEntry.Details"/>, properly escaped: <c>Of(("role", "consumer"), ("meters", 2))</c>.</summary>
    public static string Of(params (string Name, object? Value)[] fields)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (name, value) in fields)
            {
                switch (value)
                {
                    case null: json.WriteNull(name); break;
                    case bool b: json.WriteBoolean(name, b); break;
                    case int i: json.WriteNumber(name, i); break;
                    case long l: json.WriteNumber(name, l); break;
                    case DateTimeOffset t: json.WriteString(name, t); break;
                    case IEnumerable<string> list:
                        json.WriteStartArray(name);
                        foreach (var item in list)
                        {
                            json.WriteStringValue(item);
                        }
                        json.WriteEndArray();
                        break;
                    default: json.WriteString(name, value.ToString()); break;
                }
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
