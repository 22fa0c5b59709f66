using System.Text.Json.Serialization;

namespace GridMeter.Server.WebPortal;

[JsonSerializable(typeof(List<decimal?[]>), TypeInfoPropertyName = "ChartPoints")]
internal sealed partial class PortalJson : JsonSerializerContext;
