namespace GridMeter.Domain.Commands;

/// <summary>
/// A mass disconnect needs a second pair of eyes: beyond <c>perHour</c> disconnects by one supplier
/// within an hour, each further one waits for approval by another of its staff.
/// </summary>
public static class DisconnectLimit
{
    /// <summary>
    /// The status a new command starts in, given how many disconnects the meter's supplier asked for
    /// in the hour before it (whatever became of them).
    /// </summary>
    public static string InitialStatus(string command, int disconnectsInLastHour, int perHour) =>
        command == CommandCatalog.Disconnect && disconnectsInLastHour >= perHour ? CommandStatus.AwaitingApproval : CommandStatus.Pending;
}
