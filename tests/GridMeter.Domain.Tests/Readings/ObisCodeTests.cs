using GridMeter.Domain.Readings;

namespace GridMeter.Domain.Tests.Readings;

public sealed class ObisCodeTests
{
    [Theory]
    [InlineData("1-0:1.8.0", 1, 0, 1, 8, 0)]
    [InlineData("1-0:2.8.1", 1, 0, 2, 8, 1)]
    [InlineData("1-1:32.7.0", 1, 1, 32, 7, 0)]
    [InlineData("1.8.2", 1, 0, 1, 8, 2)]
    [InlineData("0-1:24.2.1", 0, 1, 24, 2, 1)]
    public void Parses_full_and_short_codes(string text, int a, int b, int c, int d, int e)
    {
        Assert.True(ObisCode.TryParse(text, out var code));
        Assert.Equal(new ObisCode((byte)a, (byte)b, (byte)c, (byte)d, (byte)e), code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1-0:1.8")]
    [InlineData("1-0:1.8.0.0")]
    [InlineData("1-0:1.8.256")]
    [InlineData("1-0:1.8.x")]
    [InlineData("1:1.8.0")]
    [InlineData("1-0:1.8.-1")]
    [InlineData(" 1-0:1.8.0")]
    [InlineData("1-0:1.8.0; DROP TABLE readings")]
    public void Refuses_anything_else(string text) => Assert.False(ObisCode.TryParse(text, out _));

    [Theory]
    [InlineData("1-0:1.8.0", "kWh")]
    [InlineData("1-0:3.8.0", "kvarh")]
    [InlineData("1-0:21.7.0", "kW")]
    [InlineData("1-0:52.7.0", "V")]
    [InlineData("1-0:71.7.0", "A")]
    [InlineData("1-0:14.7.0", "Hz")]
    [InlineData("1-0:13.7.0", "")]
    public void Knows_the_unit_of_what_it_measures(string text, string unit) => Assert.Equal(unit, ObisCode.Parse(text).Unit);

    [Fact]
    public void Formats_as_it_parses() => Assert.Equal("1-0:2.8.1", ObisCode.Parse("2.8.1").ToString());
}
