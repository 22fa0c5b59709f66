namespace GridMeter.Domain.Firmware;

/// <summary>
/// Where one meter stands in a rollout. scheduled → downloading (command sent) → verifying →
/// installing (image verified and written to the spare slot) → activated (the meter reports the new
/// version); or failed (it stays on its image) / rolledBack (it booted the new image, which failed,
/// and returned to the previous one).
/// </summary>
public static class FirmwareUpdateState
{
    public const string Scheduled = "scheduled";
    public const string Downloading = "downloading";
    public const string Verifying = "verifying";
    public const string Installing = "installing";
    public const string Activated = "activated";
    public const string Failed = "failed";
    public const string RolledBack = "rolledBack";

    public static readonly IReadOnlyList<string> All = [Scheduled, Downloading, Verifying, Installing, Activated, Failed, RolledBack];

    public static bool IsFinal(string state) => state is Activated or Failed or RolledBack;

    public static bool IsFailure(string state) => state is Failed or RolledBack;

    /// <summary>
    /// The state a meter moves to from what it reported: the status of its firmware_update command
    /// (and the stage its result names), a firmware_failed event since the command, and the version
    /// it now reports. Only the reported target version makes it activated.
    /// </summary>
    public static string Follow(FirmwareReport report)
    {
        if (IsFinal(report.State))
        {
            return report.State;
        }
        if (report.ReportsTarget)
        {
            return Activated;
        }
        if (report.FailedEvent is { } failed)
        {
            return failed.RolledBack ? RolledBack : Failed;
        }
        return report.CommandStatus switch
        {
            "failed" or "rejected" or "expired" => report.RolledBack ? RolledBack : Failed,
            "succeeded" => Installing,
            "sent" => report.Stage is Verifying or Installing ? report.Stage : Downloading,
            _ => report.State,
        };
    }
}
