using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridMeter.Server.Prepayment;

[JsonSerializable(typeof(TopUpRequest))]
[JsonSerializable(typeof(PaymentCallback))]
[JsonSerializable(typeof(PrepaymentTerms))]
[JsonSerializable(typeof(BalanceResponse))]
[JsonSerializable(typeof(TopUpResponse))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class PrepaymentJson : JsonSerializerContext;
