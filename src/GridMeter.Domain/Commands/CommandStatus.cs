namespace GridMeter.Domain.Commands;

/// <summary>
/// Where a command is in its life (CONTRACT section 3): awaitingApproval → pending → sent →
/// succeeded, failed or rejected; any that is not final by its expiry becomes expired.
/// </summary>
public static class CommandStatus
{
    public const string AwaitingApproval = "awaitingApproval";
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Rejected = "rejected";
    public const string Expired = "expired";

    public static readonly IReadOnlyList<string> All = [AwaitingApproval, Pending, Sent, Succeeded, Failed, Rejected, Expired];

    /// <summary>The answers a meter may give on meters/{id}/commands/{cid}/result.</summary>
    public static bool IsDeviceAnswer(string status) => status is Succeeded or Failed or Rejected;

    public static bool IsFinal(string status) => status is Succeeded or Failed or Rejected or Expired;
}
