namespace GridMeter.Server.Reports;

/// <summary>
/// POST /api/v1/report-schedules: a report sent by e-mail at a local time — daily, weekly on a
/// weekday (monday … sunday) or monthly on the 1st — covering the last complete period.
/// </summary>
public sealed record ScheduleRequest(string? MeterId, string? Kind, string? Period, string? Weekday, string? Time, string? TimeZone);

public sealed record ScheduleResponse(
    string Id, string MeterId, string Kind, string Period, string? Weekday, string Time, string TimeZone, DateTimeOffset NextRunAt);

public sealed record ScheduleList(IReadOnlyList<ScheduleResponse> Items);
