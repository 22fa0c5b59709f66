using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridMeter.Server.Appliances;

[JsonSerializable(typeof(CreateApplianceRequest))]
[JsonSerializable(typeof(ApplianceResponse))]
[JsonSerializable(typeof(IReadOnlyList<ApplianceResponse>))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class AppliancesJson : JsonSerializerContext;
