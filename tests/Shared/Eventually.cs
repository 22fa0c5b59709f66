using System.Diagnostics;

namespace GridMeter.Testing;

/// <summary>
/// Waits for a condition that becomes true through another process or thread, where no event
/// says so; fails with what was expected.
/// </summary>
public static class Eventually
{
    public static async Task<T> Async<T>(Func<Task<T>> probe, Func<T, bool> done, string expected, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(15);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"expected {expected} within {limit.TotalSeconds:0} s; last seen: {value}");
            }
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
