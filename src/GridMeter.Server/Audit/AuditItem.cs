namespace GridMeter.Server.Audit;

/// <summary>An audit entry as GET /api/v1/audit shows it; details is the JSON text recorded with it.</summary>
public sealed record AuditItem(long Id, DateTimeOffset At, string Actor, string Action, string Target, string? Details, string? From)
{
    public static AuditItem Of(AuditRecord record) =>
        new(record.Key, DateTimeOffset.FromUnixTimeMilliseconds(record.At), record.Actor, record.Action, record.Target, record.Details, record.FromAddress);
}
