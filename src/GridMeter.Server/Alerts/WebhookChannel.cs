using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GridMeter.Domain.Alerts;

namespace GridMeter.Server.Alerts;

/// <summary>
/// Webhooks: a JSON POST of the alert, signed with HMAC-SHA256 over "{timestamp}.{body}" with the
/// person's secret, in X-GridMeter-Signature: t=…,v1=hex. Including the time lets a receiver
/// refuse replays. Redirects are not followed.
/// </summary>
public sealed class WebhookChannel(IHttpClientFactory http, TimeProvider clock) : IAlertChannel
{
    public const string HttpClientName = "GridMeter.Webhook";

    public const string SignatureHeader = "X-GridMeter-Signature";

    public string Name => AlertChannel.Webhook;

    public string? AddressOf(OutgoingAlert alert) => alert.WebhookSecret is null ? null : alert.WebhookUrl;

    public async Task SendAsync(OutgoingAlert alert, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new WebhookPayload(alert.AlertId, alert.Type, alert.MeterId, alert.RaisedAt, alert.Message), AlertsJson.Default.WebhookPayload);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, alert.WebhookUrl) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(SignatureHeader, $"t={timestamp},v1={Sign(alert.WebhookSecret!, timestamp, body)}");
        using var client = http.CreateClient(HttpClientName);
        using var response = await client.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public static string Sign(string secret, string timestamp, byte[] body)
    {
        var signed = Encoding.UTF8.GetBytes(timestamp + ".").Concat(body).ToArray();
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }
}
