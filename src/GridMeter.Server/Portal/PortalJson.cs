using System.Text.Json.Serialization;

namespace GridMeter.Server.Portal;

[JsonSerializable(typeof(List<decimal?[]>), TypeInfoPropertyName = "ChartPoints")]
internal sealed partial class PortalJson : JsonSerializerContext;
