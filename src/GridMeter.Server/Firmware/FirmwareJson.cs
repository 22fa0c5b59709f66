using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridMeter.Server.Firmware;

[JsonSerializable(typeof(FirmwareImageResponse))]
[JsonSerializable(typeof(FirmwareImageList))]
[JsonSerializable(typeof(CreateRolloutRequest))]
[JsonSerializable(typeof(RolloutResponse))]
[JsonSerializable(typeof(RolloutList))]
[JsonSerializable(typeof(RolloutMeterList))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class FirmwareJson : JsonSerializerContext;
