using System.Text;
using GridMeter.Simulator.Devices;
using NodaTime;

namespace GridMeter.Simulator.Tests.Fleets;

public sealed class CommandResponderTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 22, 12, 0);

    private static CommandAnswer? Answer(CommandResponder responder, string json) =>
        responder.Answer(Encoding.UTF8.GetBytes(json), Now, () => new Dictionary<string, decimal> { ["1-0:1.8.0"] = 12.5m }, id => id == "fridge");

    [Fact]
    public void Disconnect_opens_the_relay_once_and_reconnect_closes_it()
    {
        var responder = new CommandResponder();

        var first = Answer(responder, """{"id":"c1","command":"disconnect","parameters":{},"expiresAt":"2026-11-23T12:00:00Z"}""")!;
        var again = Answer(responder, """{"id":"c2","command":"disconnect","parameters":{}}""")!;
        Assert.Equal(("succeeded", "relay_opened", (string?)null), (first.Status, first.Event, again.Event));
        Assert.Equal("open", responder.Relay);
        Assert.Equal("relay_closed", Answer(responder, """{"id":"c3","command":"reconnect"}""")!.Event);
        Assert.Equal("closed", responder.Relay);
    }

    [Theory]
    [InlineData("""{"id":"c","command":"disconnect","expiresAt":"2026-11-22T11:59:00Z"}""", "rejected")]
    [InlineData("""{"id":"c","command":"appliance_on","parameters":{"applianceId":"fridge"}}""", "succeeded")]
    [InlineData("""{"id":"c","command":"appliance_on","parameters":{"applianceId":"sauna"}}""", "failed")]
    [InlineData("""{"id":"c","command":"read_registers"}""", "succeeded")]
    [InlineData("""{"id":"c","command":"firmware_update","parameters":{}}""", "rejected")]
    [InlineData("""{"id":"c","command":"self_destruct"}""", "rejected")]
    public void Answers_each_command_as_a_meter_would(string json, string status) =>
        Assert.Equal(status, Answer(new CommandResponder(), json)!.Status);

    [Fact]
    public void Reads_its_registers_into_the_result_and_ignores_what_is_not_a_command()
    {
        var answer = Answer(new CommandResponder(), """{"id":"c","command":"read_registers"}""")!;

        Assert.Equal("""{"status":"succeeded","result":{"1-0:1.8.0":12.5}}""", Encoding.UTF8.GetString(answer.ToPayload()));
        Assert.Null(Answer(new CommandResponder(), "not json"));
    }
}
