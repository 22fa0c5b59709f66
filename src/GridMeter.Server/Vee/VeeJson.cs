using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridMeter.Server.Vee;

[JsonSerializable(typeof(EditRequest))]
[JsonSerializable(typeof(EditResponse))]
[JsonSerializable(typeof(IReadOnlyList<EditResponse>))]
[JsonSerializable(typeof(RegisterEventRequest))]
[JsonSerializable(typeof(RegisterEventResponse))]
[JsonSerializable(typeof(IReadOnlyList<RegisterEventResponse>))]
[JsonSerializable(typeof(IReadOnlyList<FlagResponse>))]
[JsonSerializable(typeof(VeeSettingsDocument))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class VeeJson : JsonSerializerContext;
