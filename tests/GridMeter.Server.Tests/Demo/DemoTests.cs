using System.Net.Http.Json;
using GridMeter.Server.Consumption;
using GridMeter.Server.Live;
using GridMeter.Server.Meters;
using GridMeter.Testing;

namespace GridMeter.Server.Tests.Demo;

/// <summary>The README's run command: the server with --demo, as a newcomer starts it.</summary>
public sealed class DemoTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_demo_is_healthy_and_serves_simulated_consumption_to_its_logins()
    {
        var dataDir = Directory.CreateTempSubdirectory("gridmeter-demo-").FullName;
        try
        {
            await using var server = await ServerProcess.StartAsync(dataDir, ["--demo", "--GridMeter:Mqtt:Port=0"]);
            using var http = server.CreateClient();

            var consumer = await LoginAsync(http, "consumer");
            var daily = await WaitForDataAsync(http, consumer, "MTR-00001");

            Assert.Contains("logins: consumer, supplier, operator, admin", server.Output);
            Assert.True(daily.Points.Count(p => p.Quality == "actual" && p.Value > 0) >= 5, "a week of simulated days");
            var supplier = await LoginAsync(http, "supplier");
            var meters = await GetAsync<MeterList>(http, supplier, "/api/v1/meters");
            Assert.Equal(20, meters.Items.Count);
            Assert.Equal(4, meters.Items.Select(m => m.TimeZone).Distinct().Count());
            var mine = await GetAsync<MeterList>(http, consumer, "/api/v1/meters");
            Assert.Equal("MTR-00001", Assert.Single(mine.Items).Id);
            var live = await Eventually.Async(
                () => GetAsync<LiveResponse>(http, consumer, "/api/v1/meters/MTR-00001/live"), l => l.Ts is not null, "live values from the simulated meter");
            Assert.True(live.Values["1-0:32.7.0"] > 200m);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static async Task<ConsumptionResponse> WaitForDataAsync(HttpClient http, string token, string meterId)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var url = $"/api/v1/meters/{meterId}/consumption?from={today.AddDays(-8):yyyy-MM-dd}&to={today:yyyy-MM-dd}&interval=day";
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var response = await GetAsync<ConsumptionResponse>(http, token, url);
            if (response.Points.Count(p => p.Quality == "actual" && p.Value > 0) >= 5)
            {
                return response;
            }
            await Task.Delay(200, Cancel);
        }
        throw new TimeoutException($"no week of simulated consumption for {meterId} within 60 s");
    }

    private static async Task<string> LoginAsync(HttpClient http, string username)
    {
        var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { username, password = "demo" }, Cancel);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Auth.TokenResponse>(Cancel))!.AccessToken;
    }

    private static async Task<T> GetAsync<T>(HttpClient http, string token, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new("Bearer", token);
        var response = await http.SendAsync(request, Cancel);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<T>(Cancel))!;
    }

    [Fact]
    public async Task The_demo_refuses_to_listen_beyond_loopback()
    {
        var dataDir = Directory.CreateTempSubdirectory("gridmeter-demo-").FullName;
        try
        {
            var failure = await Assert.ThrowsAsync<InvalidOperationException>(
                () => ServerProcess.StartAsync(dataDir, ["--demo", "--urls=http://0.0.0.0:0"]));
            Assert.Contains("loopback only", failure.Message);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
