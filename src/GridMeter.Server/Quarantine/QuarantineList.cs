namespace GridMeter.Server.Quarantine;

/// <summary>A page of quarantined messages, newest first; pass NextBefore as "before" for the next page.</summary>
public sealed record QuarantineList(IReadOnlyList<QuarantinedMessage> Items, long? NextBefore);
