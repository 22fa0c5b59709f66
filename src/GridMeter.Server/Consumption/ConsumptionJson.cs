using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridMeter.Server.Consumption;

[JsonSerializable(typeof(ConsumptionResponse))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class ConsumptionJson : JsonSerializerContext;
