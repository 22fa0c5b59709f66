using NodaTime;

namespace GridMeter.Domain.Webhooks;

/// <summary>
/// When to try a failed delivery again: 10 s after the first failure, doubling each time, at most
/// an hour apart; after <c>maxAttempts</c> the delivery is given up (and stays in the log).
/// </summary>
public static class WebhookBackoff
{
    public static readonly Duration First = Duration.FromSeconds(10);
    public static readonly Duration Longest = Duration.FromHours(1);

    /// <summary>The next attempt after <paramref name="attempts"/> failed ones, or null to give up.</summary>
    public static Instant? NextAttempt(int attempts, int maxAttempts, Instant now)
    {
        if (attempts >= maxAttempts)
        {
            return null;
        }
        var delay = First * Math.Pow(2, Math.Min(attempts - 1, 20));
        return now + (delay < Longest ? delay : Longest);
    }
}
