using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridMeter.Server.Tariffs;

[JsonSerializable(typeof(TariffDocument))]
[JsonSerializable(typeof(CreateTariffRequest))]
[JsonSerializable(typeof(UpdateTariffRequest))]
[JsonSerializable(typeof(TariffResponse))]
[JsonSerializable(typeof(TariffList))]
[JsonSerializable(typeof(AssignTariffRequest))]
[JsonSerializable(typeof(MeterTariffResponse))]
[JsonSerializable(typeof(CreateTariffChangeRequest))]
[JsonSerializable(typeof(TariffChangeDecision))]
[JsonSerializable(typeof(TariffChangeResponse))]
[JsonSerializable(typeof(TariffChangeList))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class TariffsJson : JsonSerializerContext;
