using GridMeter.Domain.Devices;

namespace GridMeter.Domain.Tests.Devices;

public sealed class TopicAclTests
{
    private static readonly DeviceIdentity Gateway = new("GW-1", true, new HashSet<string>(StringComparer.Ordinal) { "MTR-1", "MTR-2" });
    private static readonly DeviceIdentity Meter = DeviceIdentity.Meter("GW-1");

    [Theory]
    [InlineData("gateways/GW-1/schedule")]
    [InlineData("gateways/GW-1/prices")]
    public void A_gateway_may_subscribe_to_and_receive_its_own_schedule_and_prices(string topic)
    {
        Assert.True(TopicAcl.MaySubscribe(Gateway, topic));
        Assert.True(TopicAcl.MayReceive(Gateway, topic));
    }

    [Theory]
    [InlineData("gateways/GW-2/schedule")]
    [InlineData("gateways/GW-2/prices")]
    [InlineData("gateways/GW-1/+")]
    [InlineData("gateways/GW-1/#")]
    [InlineData("gateways/+/schedule")]
    [InlineData("gateways/#")]
    [InlineData("#")]
    [InlineData("gateways/GW-1/schedule/x")]
    [InlineData("gateways/GW-1/other")]
    [InlineData("gateways/GW-1")]
    public void A_gateway_may_not_subscribe_to_another_gateways_notices_or_through_wildcards(string filter) =>
        Assert.False(TopicAcl.MaySubscribe(Gateway, filter));

    [Theory]
    [InlineData("gateways/GW-2/schedule")]
    [InlineData("gateways/GW-2/prices")]
    [InlineData("gateways/GW-1/other")]
    public void A_gateway_receives_no_other_gateways_notices(string topic) =>
        Assert.False(TopicAcl.MayReceive(Gateway, topic));

    [Theory]
    [InlineData("gateways/GW-1/schedule")]
    [InlineData("gateways/GW-1/prices")]
    public void Nobody_but_the_server_publishes_notices_and_a_meter_with_the_same_id_gets_none(string topic)
    {
        Assert.False(TopicAcl.MayPublish(Gateway, topic));
        Assert.False(TopicAcl.MayPublish(Meter, topic));
        Assert.False(TopicAcl.MayPublish(null, topic));
        Assert.False(TopicAcl.MaySubscribe(Meter, topic));
        Assert.False(TopicAcl.MayReceive(Meter, topic));
        Assert.False(TopicAcl.MayReceive(null, topic));
    }

    [Fact]
    public void A_gateway_still_speaks_for_its_meters_only()
    {
        Assert.True(TopicAcl.MaySubscribe(Gateway, "meters/MTR-1/commands"));
        Assert.True(TopicAcl.MayPublish(Gateway, "meters/MTR-2/readings"));
        Assert.False(TopicAcl.MaySubscribe(Gateway, "meters/MTR-3/commands"));
        Assert.True(TopicAcl.MayPublish(null, "site/anything"));
    }
}
