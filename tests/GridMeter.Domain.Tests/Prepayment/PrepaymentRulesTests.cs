using GridMeter.Domain.Prepayment;
using NodaTime;

namespace GridMeter.Domain.Tests.Prepayment;

public sealed class PrepaymentRulesTests
{
    private static readonly HashSet<LocalDate> Holidays = [new(2026, 12, 8)];

    private static PrepaidAccount Account(decimal balance, SupplyState supply = SupplyState.Connected) =>
        new(balance, EmergencyCredit: 5, LowBalanceThreshold: 3, Debt: 0, supply, LowBalance: false, Exhausted: false);

    [Theory]
    [InlineData("2026-12-04T19:00", false)] // Friday evening
    [InlineData("2026-12-05T12:00", false)] // Saturday
    [InlineData("2026-12-07T07:59", false)] // Monday before eight
    [InlineData("2026-12-07T08:00", true)]
    [InlineData("2026-12-07T17:59", true)]
    [InlineData("2026-12-07T18:00", false)]
    [InlineData("2026-12-08T10:00", false)] // a public holiday
    public void Exhausted_credit_cuts_the_supply_only_outside_friendly_hours(string local, bool cut)
    {
        var now = LocalDateTime.FromDateTime(DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture)).InZoneLeniently(DateTimeZoneProviders.Tzdb["Europe/Rome"]);

        var decision = PrepaymentRules.Decide(Account(-5), now, FriendlyHours.Default, Holidays);

        Assert.True(decision.Exhausted);
        Assert.Equal(cut ? SupplyAction.Disconnect : SupplyAction.None, decision.Action);
        Assert.Equal(!cut, decision.WaitingForUnfriendlyHours);
    }

    [Fact]
    public void Emergency_credit_keeps_the_supply_on_until_it_is_used_up_and_low_balance_warns_first()
    {
        var weekdayNoon = new LocalDateTime(2026, 12, 9, 12, 0).InZoneLeniently(DateTimeZoneProviders.Tzdb["Europe/Rome"]);

        var low = PrepaymentRules.Decide(Account(2.99m), weekdayNoon, FriendlyHours.Default, Holidays);
        var emergency = PrepaymentRules.Decide(Account(-4.99m), weekdayNoon, FriendlyHours.Default, Holidays);

        Assert.Equal((true, false, SupplyAction.None), (low.LowBalance, low.Exhausted, low.Action));
        Assert.Equal((true, false, SupplyAction.None), (emergency.LowBalance, emergency.Exhausted, emergency.Action));
        Assert.Equal(0.01m, Account(-4.99m).EmergencyCreditLeft);
    }

    [Fact]
    public void A_disconnected_supply_is_restored_once_the_balance_is_above_zero_at_any_hour()
    {
        var saturdayNight = new LocalDateTime(2026, 12, 5, 23, 0).InZoneLeniently(DateTimeZoneProviders.Tzdb["Europe/Rome"]);

        Assert.Equal(SupplyAction.None, PrepaymentRules.Decide(Account(0, SupplyState.Disconnected), saturdayNight, FriendlyHours.Default, Holidays).Action);
        Assert.Equal(SupplyAction.Reconnect, PrepaymentRules.Decide(Account(0.01m, SupplyState.Disconnected), saturdayNight, FriendlyHours.Default, Holidays).Action);
    }

    [Theory]
    [InlineData(20, 100, 25, 5, 15)]
    [InlineData(20, 3, 25, 3, 17)]    // never more than the debt
    [InlineData(20, 0, 25, 0, 20)]
    [InlineData(10.01, 50, 12.5, 1.25, 8.76)] // 1.25125 → 1.25
    public void A_top_up_pays_its_share_towards_debt_and_the_rest_to_the_balance(decimal amount, decimal debt, decimal percent, decimal toDebt, decimal toBalance)
    {
        Assert.Equal((toDebt, toBalance), PrepaymentRules.SplitTopUp(amount, debt, percent, 2));
    }
}
