namespace GridMeter.Server.Audit;

/// <summary>A page of audit entries, newest first; <c>next</c> is the <c>before</c> of the following page, null on the last.</summary>
public sealed record AuditPage(IReadOnlyList<AuditItem> Items, long? Next);
