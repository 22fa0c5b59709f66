using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridMeter.Server.Live;

[JsonSerializable(typeof(LiveResponse))]
[JsonSerializable(typeof(LiveMinuteList))]
[JsonSerializable(typeof(LiveClusterMessage))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class LiveJson : JsonSerializerContext;
