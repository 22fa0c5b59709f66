using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridMeter.Server.Live;

[JsonSerializable(typeof(LiveResponse))]
[JsonSerializable(typeof(LiveMinuteList))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class LiveJson : JsonSerializerContext;
