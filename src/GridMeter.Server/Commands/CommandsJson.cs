using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridMeter.Server.Commands;

[JsonSerializable(typeof(CommandRequest))]
[JsonSerializable(typeof(CommandResponse))]
[JsonSerializable(typeof(CommandList))]
[JsonSerializable(typeof(CommandMessage))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class CommandsJson : JsonSerializerContext;
