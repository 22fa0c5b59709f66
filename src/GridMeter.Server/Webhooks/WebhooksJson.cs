using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridMeter.Server.Webhooks;

[JsonSerializable(typeof(CreateWebhookRequest))]
[JsonSerializable(typeof(WebhookResponse))]
[JsonSerializable(typeof(WebhookList))]
[JsonSerializable(typeof(WebhookDeliveryList))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class WebhooksJson : JsonSerializerContext;
