using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GridMeter.Simulator.Meters;

namespace GridMeter.Simulator.Devices;

/// <summary>Creates the fleet's meters on a GridMeter server through its API, and keeps their secrets in a file.</summary>
public static class Provisioning
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<Dictionary<string, DeviceCredentials>> ProvisionAsync(
        Uri server, string username, string password, IReadOnlyList<VirtualMeter> meters, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = server };
        var login = await http.PostAsJsonAsync("/api/v1/auth/token", new { username, password }, cancellationToken);
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var credentials = new Dictionary<string, DeviceCredentials>(StringComparer.Ordinal);
        foreach (var meter in meters)
        {
            var response = await http.PostAsJsonAsync(
                "/api/v1/meters", new { id = meter.Id, timeZone = meter.Zone.Id, phases = meter.Phases, name = $"{meter.Archetype} (simulated)" }, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"provisioning {meter.Id} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
            var secret = (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("deviceSecret").GetString()!;
            credentials[meter.Id] = new DeviceCredentials(meter.Id, secret);
        }
        return credentials;
    }

    public static async Task SaveAsync(string path, IReadOnlyDictionary<string, DeviceCredentials> credentials, CancellationToken cancellationToken)
    {
        await using var file = File.Create(path);
        // The file holds device secrets: readable by its owner only.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        await JsonSerializer.SerializeAsync(file, credentials.Values.OrderBy(c => c.MeterId, StringComparer.Ordinal).ToList(), Json, cancellationToken);
    }

    public static async Task<Dictionary<string, DeviceCredentials>> LoadAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        var list = await JsonSerializer.DeserializeAsync<List<DeviceCredentials>>(file, Json, cancellationToken) ?? [];
        return list.ToDictionary(c => c.MeterId, StringComparer.Ordinal);
    }
}
