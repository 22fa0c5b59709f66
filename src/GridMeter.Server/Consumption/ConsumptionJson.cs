using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridMeter.Server.Consumption;

[JsonSerializable(typeof(ConsumptionResponse))]
[JsonSerializable(typeof(AggregateResponse))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class ConsumptionJson : JsonSerializerContext;
