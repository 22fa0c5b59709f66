using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridMeter.Server.Billing;

[JsonSerializable(typeof(List<BillLineResponse>))]
[JsonSerializable(typeof(CostResponse))]
[JsonSerializable(typeof(SinceLastBillResponse))]
[JsonSerializable(typeof(BillResponse))]
[JsonSerializable(typeof(BillList))]
[JsonSerializable(typeof(BillRunRequest))]
[JsonSerializable(typeof(BillRunResponse))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class BillingJson : JsonSerializerContext;
