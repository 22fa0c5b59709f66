namespace GridMeter.Server.Reports;

/// <summary>A kept report as the portal lists it; the HTML and CSV are downloaded separately.</summary>
public sealed record ReportSummary(
    string Id, string MeterId, string Kind, string Period, string From, string To, DateTimeOffset CreatedAt, DateTimeOffset? EmailedAt);

public sealed record ReportList(IReadOnlyList<ReportSummary> Items);
