using System.Collections.Concurrent;
using System.Net;
using GridMeter.Domain.Webhooks;

namespace GridMeter.Server.Tests.Webhooks;

/// <summary>An integrator's endpoint on a loopback port: records each POST with whether its signature is valid.</summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _secret;

    public WebhookReceiver(int port, string secret)
    {
        _secret = secret;
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _ = Task.Run(LoopAsync);
    }

    public ConcurrentQueue<(string DeliveryId, string EventType, bool SignatureValid, string Body)> Received { get; } = new();

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var signature = context.Request.Headers[WebhookSignature.Header] ?? "";
            Received.Enqueue((context.Request.Headers["X-GridMeter-Delivery"] ?? "", context.Request.Headers["X-GridMeter-Event"] ?? "",
                WebhookSignature.Verify(_secret, signature, body.ToArray()), System.Text.Encoding.UTF8.GetString(body.ToArray())));
            context.Response.StatusCode = 204;
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
    }
}
