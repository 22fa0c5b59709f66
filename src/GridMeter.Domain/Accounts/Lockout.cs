using NodaTime;

namespace GridMeter.Domain.Accounts;

/// <summary>
/// Lockout after repeated wrong passwords: the <c>maxFailures</c>-th failure in a row locks the
/// account until <c>now + lockFor</c>; meanwhile even the right password is refused. A lock
/// restarts the count, so after it expires another full series of failures is needed.
/// </summary>
public static class Lockout
{
    public static bool IsLocked(Instant? lockedUntil, Instant now) => lockedUntil is { } until && until > now;

    /// <summary>The end of the lock that this failure starts, or null when it starts none.</summary>
    public static Instant? LockAfter(long failuresInARow, int maxFailures, Instant now, Duration lockFor) =>
        failuresInARow >= maxFailures ? now + lockFor : null;
}
