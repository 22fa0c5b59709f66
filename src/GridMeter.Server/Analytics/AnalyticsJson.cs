using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridMeter.Server.Analytics;

[JsonSerializable(typeof(ClustersResponse))]
[JsonSerializable(typeof(MeterClusterResponse))]
[JsonSerializable(typeof(IReadOnlyList<FaultResponse>))]
[JsonSerializable(typeof(ForecastResponse))]
[JsonSerializable(typeof(LoadForecastResponse))]
[JsonSerializable(typeof(AdviceResponse))]
[JsonSerializable(typeof(double[]))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class AnalyticsJson : JsonSerializerContext;
