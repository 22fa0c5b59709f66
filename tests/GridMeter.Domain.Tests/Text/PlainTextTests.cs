using GridMeter.Domain.Text;

namespace GridMeter.Domain.Tests.Text;

public sealed class PlainTextTests
{
    [Theory]
    [InlineData("ACME Energy")]
    [InlineData("Energia O’Brien & Figli (Milano)")]
    [InlineData("Via Roma 1, 20121 Milano")]
    [InlineData("Zählerplatz 3 – Keller")]
    [InlineData("50% Grün")]
    [InlineData("東京電力")]
    [InlineData("Flat 3 🏠")]
    public void Names_and_addresses_people_write_are_accepted(string text) => Assert.True(PlainText.IsValid(text, 200));

    [Theory]
    [InlineData("")]
    [InlineData(" leading space")]
    [InlineData("trailing space ")]
    [InlineData("O'Brien")]
    [InlineData("<b>bold</b>")]
    [InlineData("\"quoted\"")]
    [InlineData("a; b")]
    [InlineData("x = y")]
    [InlineData("${7*7}")]
    [InlineData("{{7*7}}")]
    [InlineData("back\\slash")]
    [InlineData("admin--")]
    [InlineData("/* comment")]
    [InlineData("tab\there")]
    [InlineData("new\nline")]
    [InlineData("nul\0")]
    [InlineData("\u202Eright-to-left override")]
    [InlineData("zero\u200Bwidth")]
    [InlineData("line\u2028separator")]
    public void Markup_quotes_control_and_invisible_characters_are_refused(string text) => Assert.False(PlainText.IsValid(text, 200));

    [Fact]
    public void A_lone_surrogate_is_refused_and_a_pair_is_accepted()
    {
        // Built at run time: attribute arguments cannot hold a lone surrogate.
        Assert.False(PlainText.IsValid("lone " + (char)0xD800 + " surrogate", 200));
        Assert.False(PlainText.IsValid("lone " + (char)0xDC00, 200));
        Assert.True(PlainText.IsValid("pair " + (char)0xD83C + (char)0xDFE0, 200));
    }

    [Fact]
    public void Text_longer_than_the_limit_is_refused() => Assert.False(PlainText.IsValid(new string('a', 201), 200));
}
