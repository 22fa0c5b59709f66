using System.Net.Http.Json;
using GridMeter.Domain.Alerts;
using Microsoft.Extensions.Options;

namespace GridMeter.Server.Alerts;

/// <summary>SMS through the configured HTTP gateway: POST {"to":"…","text":"…"}; any 2xx means accepted.</summary>
public sealed class SmsChannel(IHttpClientFactory http, IOptions<SmsOptions> options) : IAlertChannel
{
    public const string HttpClientName = "GridMeter.Sms";

    /// <summary>An SMS segment holds 160 GSM characters; longer texts are cut rather than split.</summary>
    private const int MaxText = 160;

    public string Name => AlertChannel.Sms;

    public string? AddressOf(OutgoingAlert alert) => options.Value.GatewayUrl is null ? null : alert.Mobile;

    public async Task SendAsync(OutgoingAlert alert, CancellationToken cancellationToken)
    {
        var text = alert.Message.Length > MaxText ? alert.Message[..(MaxText - 1)] + "…" : alert.Message;
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Value.GatewayUrl)
        {
            Content = JsonContent.Create(new SmsMessage(alert.Mobile!, text), AlertsJson.Default.SmsMessage),
        };
        if (options.Value.Authorization is { } authorization)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        using var client = http.CreateClient(HttpClientName);
        client.Timeout = TimeSpan.FromSeconds(options.Value.TimeoutSeconds);
        using var response = await client.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
