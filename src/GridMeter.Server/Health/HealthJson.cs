using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridMeter.Server.Health;

[JsonSerializable(typeof(object))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
internal sealed partial class HealthJson : JsonSerializerContext;
