namespace GridMeter.Server.Audit;

/// <summary>
/// One state change: who (a user, a device or the system), did what (a dotted action such as
/// "meter.created"), to which target, from where, with details as a small JSON object.
/// </summary>
public sealed record AuditEntry(string Actor, string Action, string Target, string? Details = null, string? From = null);
