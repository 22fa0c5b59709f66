namespace GridMeter.Server.Firmware;

public sealed record FirmwareImageResponse(string Id, string Model, string Version, long Size, string Sha256, string Signature,
    string? SupplierId, string UploadedBy, DateTimeOffset UploadedAt);
