using GridMeter.Domain.Consumption;
using GridMeter.Domain.Vee;
using NodaTime;

namespace GridMeter.Domain.Tests.Vee;

public sealed class ProfileTests
{
    [Theory]
    [InlineData("Europe/Rome")]
    [InlineData("America/New_York")]
    [InlineData("Asia/Kathmandu")]
    public void The_slot_of_an_instant_is_its_local_weekday_and_quarter_hour_across_dst(string zoneId)
    {
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        for (var t = Instant.FromUtc(2026, 3, 1, 0, 0); t < Instant.FromUtc(2026, 11, 30, 0, 0); t += Duration.FromMinutes(15 * 97))
        {
            Assert.Equal(Profile.SlotOf(t.InZone(zone)), Profile.SlotOf(t, zone));
        }
    }

    [Fact]
    public void A_learned_profile_survives_storage_and_ignores_estimated_quarter_hours()
    {
        var zone = DateTimeZoneProviders.Tzdb["Europe/Rome"];
        var from = zone.AtStartOfDay(new LocalDate(2026, 11, 2)).ToInstant();
        var points = new List<RegisterPoint>();
        for (var (t, wh) = (from, 0L); t <= from + Duration.FromDays(14); t += Duration.FromMinutes(15), wh += 40)
        {
            if (t < from + Duration.FromHours(30) || t > from + Duration.FromHours(40))
            {
                points.Add(new RegisterPoint(t, wh));
            }
        }
        var profile = Profile.Learn(new RegisterSeries(points, Duration.FromMinutes(15)), from, from + Duration.FromDays(14), zone);

        var restored = Profile.FromBytes(profile.ToBytes());

        var mondayMidnight = Profile.SlotOf(from, zone);
        var tuesdayEightAm = Profile.SlotOf(from + Duration.FromHours(32), zone);
        Assert.Equal((40L, 0L, 2), (restored.Median(mondayMidnight), restored.Mad(mondayMidnight), restored.Samples(mondayMidnight)));
        Assert.Equal(1, restored.Samples(tuesdayEightAm));
        Assert.False(restored.IsEmpty);
    }
}
