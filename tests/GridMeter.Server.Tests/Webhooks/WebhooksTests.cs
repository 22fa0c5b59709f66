using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GridMeter.Server.Tests.Accounts;
using GridMeter.Server.Webhooks;
using GridMeter.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GridMeter.Server.Tests.Webhooks;

/// <summary>Webhooks reach integrators durably: signed, retried with backoff, each event once.</summary>
public sealed class WebhooksTests
{
    private const string Secret = "a-receiver-secret-of-some-length";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_receiver_that_was_down_receives_every_event_afterwards_once_with_a_valid_signature()
    {
        await using var app = await GridMeterApp.StartAsync(settings: new() { ["GridMeter:Webhooks:PollMilliseconds"] = "50" });
        using var admin = await app.AdminAsync();
        var port = FreePort.Next();
        var created = await World.SendAsync(admin, "/api/v1/webhooks",
            new { url = $"http://127.0.0.1:{port}/hooks", eventTypes = new[] { "readings.committed" }, secret = Secret });
        var id = created.GetProperty("id").GetString()!;
        using var device = await app.DeviceAsync("MTR-1");

        for (var i = 0; i < 3; i++)
        {
            var body = $"{{\"readings\":[{{\"ts\":\"2026-11-22T1{i}:00:00Z\",\"values\":{{\"1-0:1.8.0\":{100 + i}}}}}]}}";
            (await device.PostAsync("/api/v1/meters/MTR-1/readings", new StringContent(body, Encoding.UTF8, "application/json"), Cancel)).EnsureSuccessStatusCode();
        }
        await Eventually.Async(() => DeliveriesAsync(admin, id), d => d.Count == 3 && d.All(x => x.Attempts >= 1 && x.Status == "pending"),
            "three deliveries, each tried once while the receiver is down");

        using var receiver = new WebhookReceiver(port, Secret);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await Eventually.Async(() => DeliveriesAsync(admin, id), d => d.All(x => x.Status == "delivered"), "every delivery delivered once the receiver is up");
        app.Clock.Advance(TimeSpan.FromHours(2));
        var tried = await app.Services.GetRequiredService<WebhooksJob>().DeliverDueAsync(Cancel);

        Assert.Equal(0, tried);
        var received = receiver.Received.ToList();
        Assert.Equal(3, received.Count);
        Assert.Equal(3, received.Select(r => r.DeliveryId).Distinct().Count());
        Assert.All(received, r => Assert.True(r.SignatureValid, $"bad signature on {r.Body}"));
        Assert.All(received, r => Assert.Equal("readings.committed", r.EventType));
        var times = received.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("data").GetProperty("from").GetDateTimeOffset()).Order();
        Assert.Equal([10, 11, 12], times.Select(t => t.UtcDateTime.Hour));
    }

    [Fact]
    public async Task A_supplier_subscribes_only_for_its_own_meters_and_sees_only_its_own_subscriptions()
    {
        await using var app = await GridMeterApp.StartAsync();
        var world = await World.CreateAsync(app);
        using var supplier = await app.ClientForAsync("ours-supplier-staff", World.Password);
        using var theirs = await app.ClientForAsync("theirs-supplier-staff", World.Password);

        var forOthers = await supplier.PostAsJsonAsync("/api/v1/webhooks",
            new { url = "http://127.0.0.1:9/hooks", eventTypes = new[] { "alert.raised" }, organisationId = "theirs-supplier" }, Cancel);
        var badType = await supplier.PostAsJsonAsync("/api/v1/webhooks", new { url = "http://127.0.0.1:9/hooks", eventTypes = new[] { "everything" } }, Cancel);
        var badUrl = await supplier.PostAsJsonAsync("/api/v1/webhooks", new { url = "file:///etc/passwd", eventTypes = new[] { "alert.raised" } }, Cancel);
        var own = await World.SendAsync(supplier, "/api/v1/webhooks", new { url = "http://127.0.0.1:9/hooks", eventTypes = new[] { "alert.raised" } });
        var theirList = await theirs.GetFromJsonAsync<JsonElement>("/api/v1/webhooks", Cancel);
        var theirDelete = await theirs.DeleteAsync($"/api/v1/webhooks/{own.GetProperty("id").GetString()}", Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, forOthers.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badType.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badUrl.StatusCode);
        Assert.Equal("ours-supplier", own.GetProperty("organisationId").GetString());
        Assert.DoesNotContain(theirList.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == own.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.NotFound, theirDelete.StatusCode);
        Assert.NotNull(world);
    }

    private static async Task<List<(string Status, long Attempts)>> DeliveriesAsync(HttpClient admin, string id)
    {
        var log = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/{id}/deliveries", Cancel);
        return [.. log.GetProperty("items").EnumerateArray().Select(d => (d.GetProperty("status").GetString()!, d.GetProperty("attempts").GetInt64()))];
    }
}
