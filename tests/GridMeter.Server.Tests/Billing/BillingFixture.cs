using System.Net.Http.Json;
using System.Text.Json;
using GridMeter.Server.Tests.Vee;
using NodaTime;

namespace GridMeter.Server.Tests.Billing;

/// <summary>Steps the billing tests share: tariffs through the API and quarter-hour readings.</summary>
internal static class BillingFixture
{
    public static readonly DateTimeZone Rome = DateTimeZoneProviders.Tzdb["Europe/Rome"];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Register snapshots every quarter-hour over [from, to] (inclusive), the register starting at <paramref name="startWh"/>.</summary>
    public static async Task<long> ReadingsAsync(HttpClient device, string meterId, Instant from, Instant to, Func<Instant, long> whPerQuarter, long startWh = 0)
    {
        var batch = new List<(Instant, long)>();
        var register = startWh;
        for (var ts = from; ts <= to; ts += Duration.FromMinutes(15))
        {
            if (ts > from)
            {
                register += whPerQuarter(ts - Duration.FromMinutes(15));
            }
            batch.Add((ts, register));
            if (batch.Count == 1000)
            {
                await MeterDataFixture.PostAsync(device, $"/api/v1/meters/{meterId}/readings", batch);
                batch.Clear();
            }
        }
        if (batch.Count > 0)
        {
            await MeterDataFixture.PostAsync(device, $"/api/v1/meters/{meterId}/readings", batch);
        }
        return register;
    }

    public static async Task<JsonElement> SendAsync(HttpClient client, HttpMethod method, string path, object? body, int expected)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        var response = await client.SendAsync(request, Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True((int)response.StatusCode == expected, $"{method} {path}: expected {expected}, got {(int)response.StatusCode} {text}");
        return text.Length == 0 || response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) != true
            ? default
            : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Instant LocalMidnight(int year, int month, int day) => Rome.AtStartOfDay(new LocalDate(year, month, day)).ToInstant();
}
