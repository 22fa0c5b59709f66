using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridMeter.Server.Readings;

[JsonSerializable(typeof(ReadingsMessage))]
[JsonSerializable(typeof(ReadingsReceipt))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class ReadingsJson : JsonSerializerContext;
