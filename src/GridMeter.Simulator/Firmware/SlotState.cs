namespace GridMeter.Simulator.Firmware;

/// <summary>What the meter keeps in non-volatile memory besides the two image slots.</summary>
public sealed record SlotState(string ActiveSlot, StoredImage Active, PendingUpdate? Update);
