using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridMeter.Server.Live;

[JsonSerializable(typeof(LiveResponse))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class LiveJson : JsonSerializerContext;
