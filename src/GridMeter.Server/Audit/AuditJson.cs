using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridMeter.Server.Audit;

[JsonSerializable(typeof(AuditPage))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class AuditJson : JsonSerializerContext;
