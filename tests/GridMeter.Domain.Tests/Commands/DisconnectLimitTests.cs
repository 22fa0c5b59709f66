using System.Text.Json;
using GridMeter.Domain.Commands;

namespace GridMeter.Domain.Tests.Commands;

public sealed class DisconnectLimitTests
{
    [Theory]
    [InlineData("disconnect", 9, "pending")]
    [InlineData("disconnect", 10, "awaitingApproval")]
    [InlineData("disconnect", 25, "awaitingApproval")]
    [InlineData("reconnect", 25, "pending")]
    [InlineData("read_registers", 25, "pending")]
    public void Holds_disconnects_beyond_the_hourly_limit_for_approval(string command, int lastHour, string expected) =>
        Assert.Equal(expected, DisconnectLimit.InitialStatus(command, lastHour, 10));

    [Theory]
    [InlineData("appliance_on", """{"applianceId":"fridge"}""", true)]
    [InlineData("appliance_off", """{}""", false)]
    [InlineData("appliance_off", """{"applianceId":"a/b"}""", false)]
    [InlineData("firmware_update", """{"url":"https://fw.example.org/1.5.0.bin","sha256":"00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff","size":1024}""", true)]
    [InlineData("firmware_update", """{"url":"file:///etc/passwd","sha256":"00","size":1}""", false)]
    [InlineData("disconnect", """[]""", false)]
    [InlineData("disconnect", """{}""", true)]
    public void Checks_the_parameters_each_command_needs(string command, string parameters, bool valid) =>
        Assert.Equal(valid, CommandCatalog.CheckParameters(command, JsonDocument.Parse(parameters).RootElement) is null);
}
