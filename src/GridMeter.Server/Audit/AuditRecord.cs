namespace GridMeter.Server.Audit;

/// <summary>A stored audit entry; At is Unix milliseconds.</summary>
public sealed record AuditRecord(long Key, long At, string Actor, string Action, string Target, string? Details, string? FromAddress);
