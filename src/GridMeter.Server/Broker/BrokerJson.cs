using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridMeter.Server.Broker;

[JsonSerializable(typeof(DeviceError))]
[JsonSerializable(typeof(BrokerAuthenticateRequest))]
[JsonSerializable(typeof(BrokerAuthorizeRequest))]
[JsonSerializable(typeof(BrokerHookAnswer))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class BrokerJson : JsonSerializerContext;
