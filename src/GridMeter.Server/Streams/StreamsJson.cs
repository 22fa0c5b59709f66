using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridMeter.Server.Streams;

[JsonSerializable(typeof(StreamsResponse))]
[JsonSerializable(typeof(StreamList))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class StreamsJson : JsonSerializerContext;
