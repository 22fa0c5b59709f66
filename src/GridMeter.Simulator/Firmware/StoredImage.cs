using GridMeter.Domain.Firmware;

namespace GridMeter.Simulator.Firmware;

/// <summary>An image in a slot: its manifest fields and vendor signature.</summary>
public sealed record StoredImage(string Model, string Version, long Size, string Sha256, string Signature)
{
    public FirmwareManifest Manifest => new(Model, Version, Size, Sha256);

    public static StoredImage Of(FirmwareManifest manifest, string signature) =>
        new(manifest.Model, manifest.Version, manifest.Size, manifest.Sha256, signature);
}
