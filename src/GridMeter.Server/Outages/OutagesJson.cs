using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridMeter.Server.Outages;

[JsonSerializable(typeof(OutageList))]
[JsonSerializable(typeof(ReliabilityResponse))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class OutagesJson : JsonSerializerContext;
