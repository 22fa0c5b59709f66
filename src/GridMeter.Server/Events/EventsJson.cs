using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridMeter.Server.Events;

[JsonSerializable(typeof(MeterEventList))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class EventsJson : JsonSerializerContext;
