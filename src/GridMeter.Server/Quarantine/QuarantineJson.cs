using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridMeter.Server.Quarantine;

[JsonSerializable(typeof(QuarantineList))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class QuarantineJson : JsonSerializerContext;
