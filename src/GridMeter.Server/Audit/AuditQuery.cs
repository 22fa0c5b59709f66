namespace GridMeter.Server.Audit;

/// <summary>Which audit entries to read, newest first: all filters optional; instants in Unix milliseconds, [From, To).</summary>
public sealed record AuditQuery(
    string? Actor = null, string? Action = null, string? Target = null, long? From = null, long? To = null, long? BeforeKey = null, int Limit = 100);
