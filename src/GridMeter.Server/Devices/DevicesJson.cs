using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridMeter.Server.Devices;

[JsonSerializable(typeof(CreateGatewayRequest))]
[JsonSerializable(typeof(GatewayResponse))]
[JsonSerializable(typeof(MeterStatusResponse))]
[JsonSerializable(typeof(MeterHealthList))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class DevicesJson : JsonSerializerContext;
