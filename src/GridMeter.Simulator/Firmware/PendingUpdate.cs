namespace GridMeter.Simulator.Firmware;

/// <summary>An update in progress: which command, into which slot, how far (downloading, verifying, installing).</summary>
public sealed record PendingUpdate(string CommandId, string Url, string Slot, StoredImage Image, string Stage);
