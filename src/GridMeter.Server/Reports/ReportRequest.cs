namespace GridMeter.Server.Reports;

/// <summary>
/// POST /api/v1/reports: a report now. kind: summary, appliances or minmaxavg; period: day, week or
/// month; from: a local date inside the period (default: the last complete period). It is kept for
/// the portal and e-mailed to the caller when they have an address.
/// </summary>
public sealed record ReportRequest(string? MeterId, string? Kind, string? Period, string? From);
