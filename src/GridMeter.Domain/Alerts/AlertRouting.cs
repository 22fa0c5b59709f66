namespace GridMeter.Domain.Alerts;

/// <summary>What a person has told GridMeter about hearing of alerts.</summary>
public sealed record AlertContact(bool HasEmail, bool HasMobile, bool HasWebhook, IReadOnlyDictionary<(string Type, string Channel), bool> Choices);

/// <summary>
/// The channels an alert goes out on. Unless the person chose otherwise, every alert reaches the
/// in-app inbox, e-mail when they have an address, and their webhook when they set one; SMS only
/// for the alert types they opted into (CONTRACT section 3). A channel without an address is never chosen.
/// </summary>
public static class AlertRouting
{
    public static IReadOnlyList<string> Channels(string type, AlertContact contact)
    {
        var channels = new List<string>();
        foreach (var channel in AlertChannel.All)
        {
            var reachable = channel switch
            {
                AlertChannel.Email => contact.HasEmail,
                AlertChannel.Sms => contact.HasMobile,
                AlertChannel.Webhook => contact.HasWebhook,
                _ => true,
            };
            var wanted = contact.Choices.TryGetValue((type, channel), out var chosen) ? chosen : channel != AlertChannel.Sms;
            if (reachable && wanted)
            {
                channels.Add(channel);
            }
        }
        return channels;
    }
}
