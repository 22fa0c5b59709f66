using System.Text.Json.Serialization;

namespace GridMeter.Server.Devices;

/// <summary>A gateway and the meters it speaks for; the secret only in the answer to its creation.</summary>
public sealed record GatewayResponse(
    string Id,
    IReadOnlyList<string> MeterIds,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DeviceSecret = null);
