using GridMeter.Domain.Accounts;
using NodaTime;

namespace GridMeter.Domain.Tests.Accounts;

public sealed class LockoutTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 22, 12, 0);

    [Theory]
    [InlineData(1, false)]
    [InlineData(9, false)]
    [InlineData(10, true)]
    [InlineData(11, true)]
    public void The_tenth_failure_in_a_row_locks_for_the_lockout_time(long failures, bool locks)
    {
        var until = Lockout.LockAfter(failures, 10, Now, Duration.FromMinutes(15));

        Assert.Equal(locks ? Now + Duration.FromMinutes(15) : null, until);
    }

    [Fact]
    public void A_lock_holds_until_its_end_and_not_a_moment_longer()
    {
        var until = Now + Duration.FromMinutes(15);

        Assert.True(Lockout.IsLocked(until, Now));
        Assert.True(Lockout.IsLocked(until, until - Duration.FromMilliseconds(1)));
        Assert.False(Lockout.IsLocked(until, until));
        Assert.False(Lockout.IsLocked(null, Now));
    }
}
