namespace GridMeter.Mqtt.Broker;

/// <summary>
/// The members of "$share/{group}/{filter}" (MQTT 5.0 §4.8.2): each message goes to one of them, in turn,
/// preferring members that are connected so an offline member does not hoard messages.
/// </summary>
internal sealed class SharedSubscriptionGroup
{
    private int _next = -1;

    public List<SessionSubscription> Members { get; } = [];

    public SessionSubscription? Pick()
    {
        var count = Members.Count;
        if (count == 0)
        {
            return null;
        }
        var start = (int)((uint)Interlocked.Increment(ref _next) % (uint)count);
        for (var i = 0; i < count; i++)
        {
            var member = Members[(start + i) % count];
            if (member.Session.IsOnline)
            {
                return member;
            }
        }
        return Members[start];
    }
}
