using GridMeter.Server.Auth;

namespace GridMeter.Server.Reports;

/// <summary>Reports belong to a person's own account: API keys have none, and only the owner (or an admin) reaches one.</summary>
public static class ReportAccess
{
    public static readonly AccessRule OwnReport =
        new("own report", Audience.People, [.. Roles.All], Resources.Report, changes: false, ownAccount: true);

    public static readonly AccessRule OwnSchedule =
        new("own report schedule", Audience.People, [.. Roles.All], Resources.ReportSchedule, changes: false, ownAccount: true);
}
