using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridMeter.Server.ApiKeys;

[JsonSerializable(typeof(CreateApiKeyRequest))]
[JsonSerializable(typeof(ApiKeyResponse))]
[JsonSerializable(typeof(ApiKeyList))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class ApiKeysJson : JsonSerializerContext;
