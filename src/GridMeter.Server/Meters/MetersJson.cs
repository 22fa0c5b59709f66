using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridMeter.Server.Meters;

[JsonSerializable(typeof(CreateMeterRequest))]
[JsonSerializable(typeof(MeterResponse))]
[JsonSerializable(typeof(MeterList))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class MetersJson : JsonSerializerContext;
