using System.Text.Json.Serialization;

namespace GridMeter.Simulator.Firmware;

[JsonSerializable(typeof(SlotState))]
[JsonSourceGenerationOptions(WriteIndented = true)]
internal sealed partial class SlotStateJson : JsonSerializerContext;
