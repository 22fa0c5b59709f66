using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridMeter.Server.Connect;

[JsonSerializable(typeof(CreateClientRequest))]
[JsonSerializable(typeof(ClientResponse))]
[JsonSerializable(typeof(ConsentRequest))]
[JsonSerializable(typeof(ConsentResponse))]
[JsonSerializable(typeof(ConsentList))]
[JsonSerializable(typeof(RevokeConsentRequest))]
[JsonSerializable(typeof(TokenAnswer))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class ConnectJson : JsonSerializerContext;
