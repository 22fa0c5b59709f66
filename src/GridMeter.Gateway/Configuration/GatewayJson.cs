using System.Text.Json;
using System.Text.Json.Serialization;
using GridMeter.Gateway.Local;
using GridMeter.Gateway.Uplink;

namespace GridMeter.Gateway.Configuration;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GatewayConfig))]
[JsonSerializable(typeof(ReadingsPayload))]
[JsonSerializable(typeof(LivePayload))]
[JsonSerializable(typeof(EventsPayload))]
[JsonSerializable(typeof(StatusPayload))]
[JsonSerializable(typeof(HourlySchedule))]
[JsonSerializable(typeof(PriceFeed))]
[JsonSerializable(typeof(LiveView))]
[JsonSerializable(typeof(ProfileView))]
[JsonSerializable(typeof(AdviceView))]
[JsonSerializable(typeof(ArchiveListing))]
internal sealed partial class GatewayJson : JsonSerializerContext;
