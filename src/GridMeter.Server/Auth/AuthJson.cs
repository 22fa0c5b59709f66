using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridMeter.Server.Auth;

[JsonSerializable(typeof(TokenRequest))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class AuthJson : JsonSerializerContext;
