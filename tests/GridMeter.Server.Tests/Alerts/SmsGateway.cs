using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GridMeter.Server.Tests.Alerts;

/// <summary>
/// An HTTP endpoint on loopback (Kestrel) in the role of an SMS gateway: it records every
/// {"to","text"} it accepts, and answers 503 while it is marked down. Also receives webhooks.
/// </summary>
public sealed class SmsGateway : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SmsGateway(WebApplication app) => _app = app;

    public ConcurrentQueue<(string To, string Text)> Received { get; } = new();

    public ConcurrentQueue<(string Body, string? Signature)> Webhooks { get; } = new();

    public bool Down { get; set; }

    public string Url { get; private set; } = "";

    public static async Task<SmsGateway> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var gateway = new SmsGateway(app);
        app.MapPost("/sms", async (HttpRequest request) =>
        {
            if (gateway.Down)
            {
                return Results.StatusCode(503);
            }
            using var body = await JsonDocument.ParseAsync(request.Body);
            gateway.Received.Enqueue((body.RootElement.GetProperty("to").GetString()!, body.RootElement.GetProperty("text").GetString()!));
            return Results.Accepted();
        });
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            gateway.Webhooks.Enqueue((await reader.ReadToEndAsync(), request.Headers["X-GridMeter-Signature"].ToString()));
            return Results.NoContent();
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        gateway.Url = address.TrimEnd('/');
        return gateway;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
