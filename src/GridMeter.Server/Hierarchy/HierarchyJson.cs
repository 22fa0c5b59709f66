using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridMeter.Server.Hierarchy;

[JsonSerializable(typeof(CreateNodeRequest))]
[JsonSerializable(typeof(NodeResponse))]
[JsonSerializable(typeof(PlacementRequest))]
[JsonSerializable(typeof(BalanceResponse))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class HierarchyJson : JsonSerializerContext;
