using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridMeter.Server.Alerts;

[JsonSerializable(typeof(AlertList))]
[JsonSerializable(typeof(AlertSettingsRequest))]
[JsonSerializable(typeof(AlertSettingsResponse))]
[JsonSerializable(typeof(AlertDefaultsDocument))]
[JsonSerializable(typeof(SmsMessage))]
[JsonSerializable(typeof(WebhookPayload))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class AlertsJson : JsonSerializerContext;
