using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridMeter.Server.Broker;

[JsonSerializable(typeof(DeviceError))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class BrokerJson : JsonSerializerContext;
