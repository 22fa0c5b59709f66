namespace GridMeter.Server.Firmware;

public sealed record FirmwareImageList(IReadOnlyList<FirmwareImageResponse> Items);
