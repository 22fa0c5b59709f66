using GridMeter.Domain.Alerts;

namespace GridMeter.Domain.Tests.Alerts;

public sealed class AlertRoutingTests
{
    private static readonly Dictionary<(string, string), bool> NoChoices = [];

    [Fact]
    public void By_default_an_alert_reaches_the_inbox_email_and_webhook_but_not_sms() =>
        Assert.Equal(["inbox", "email", "webhook"], AlertRouting.Channels(AlertType.Tamper, new AlertContact(true, true, true, NoChoices)));

    [Fact]
    public void Sms_is_opted_into_per_alert_type()
    {
        var choices = new Dictionary<(string, string), bool> { [(AlertType.LowBalance, AlertChannel.Sms)] = true, [(AlertType.LowBalance, AlertChannel.Email)] = false };
        var contact = new AlertContact(true, true, false, choices);

        Assert.Equal(["inbox", "sms"], AlertRouting.Channels(AlertType.LowBalance, contact));
        Assert.Equal(["inbox", "email"], AlertRouting.Channels(AlertType.Tamper, contact));
    }

    [Fact]
    public void A_channel_without_an_address_is_never_chosen()
    {
        var choices = new Dictionary<(string, string), bool> { [(AlertType.Outage, AlertChannel.Sms)] = true };

        Assert.Equal(["inbox"], AlertRouting.Channels(AlertType.Outage, new AlertContact(false, false, false, choices)));
    }

    [Fact]
    public void Conditions_name_themselves_the_same_way_each_time()
    {
        var at = NodaTime.Instant.FromUtc(2026, 11, 22, 10, 0);

        Assert.Equal(AlertCondition.Tamper("MTR-1", "cover_opened", at).Key, AlertCondition.Tamper("MTR-1", "cover_opened", at).Key);
        Assert.NotEqual(AlertCondition.Tamper("MTR-1", "cover_opened", at).Key, AlertCondition.Tamper("MTR-1", "cover_opened", at.PlusTicks(1_0000)).Key);
        Assert.Equal(AlertCondition.LowBalance("MTR-1", 4m, "EUR").Key, AlertCondition.LowBalance("MTR-1", 2m, "EUR").Key);
        Assert.Equal(AlertAudience.Organisation, AlertCondition.Outage("O-1", "grid", "feeder 3").Audience);
    }
}
