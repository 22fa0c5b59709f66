using System.Text.Json;
using GridMeter.Domain.Firmware;

namespace GridMeter.Simulator.Firmware;

/// <summary>
/// The parameters of a firmware_update command (CONTRACT section 2: url, sha256, size, signature;
/// GridMeter adds model and version, which the signature covers, and force for an admin's downgrade).
/// </summary>
public sealed record FirmwareUpdateRequest(string CommandId, Uri Url, FirmwareManifest Manifest, string Signature, bool Force)
{
    /// <summary>Null when <paramref name="parameters"/> is not a complete firmware_update.</summary>
    public static FirmwareUpdateRequest? From(string commandId, JsonElement parameters)
    {
        string? Text(string name) => parameters.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var size = parameters.TryGetProperty("size", out var s) && s.TryGetInt64(out var n) ? n : -1;
        var force = parameters.TryGetProperty("force", out var f) && f.ValueKind == JsonValueKind.True;
        if (Text("url") is not { } url || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || Text("sha256") is not { } sha || Text("signature") is not { } signature || Text("model") is not { } model || Text("version") is not { } version)
        {
            return null;
        }
        return new FirmwareUpdateRequest(commandId, uri, new FirmwareManifest(model, version, size, sha.ToLowerInvariant()), signature, force);
    }
}
