using GridMeter.Protocols.Iec62056;

namespace GridMeter.Protocols.Tests.Iec62056;

/// <summary>The P1 captures of tests/testdata/dsmr, copied beside the tests at build time.</summary>
internal static class DsmrCapture
{
    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "testdata", "dsmr", name));

    public static DsmrTelegram Parse(string name, DsmrTimeZone? zone = null)
    {
        var result = DsmrParser.Parse(Bytes(name), new DsmrOptions(zone ?? DsmrTimeZone.CentralEurope));
        Assert.True(result.IsSuccess, $"{name}: {result}");
        return result.Value;
    }

    /// <summary>Asserts the telegram's values are exactly these, in telegram order.</summary>
    public static void AssertValues(DsmrTelegram telegram, params (string Obis, decimal Value, string Unit, string? At)[] expected)
    {
        var actual = telegram.Values.Select(v => (v.Obis.ToString(), v.Value, v.Unit, v.Timestamp)).ToList();
        var wanted = expected.Select(e => (e.Obis, e.Value, e.Unit, e.At is null ? (DateTimeOffset?)null : DateTimeOffset.Parse(e.At, System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(wanted.Count, actual.Count);
        for (var i = 0; i < wanted.Count; i++)
        {
            Assert.Equal(wanted[i], actual[i]);
            Assert.Equal(wanted[i].Item4?.Offset, actual[i].Timestamp?.Offset);
        }
    }

    /// <summary>Asserts the telegram's text objects (ids, messages, versions) are exactly these.</summary>
    public static void AssertTexts(DsmrTelegram telegram, params (string Obis, string Text)[] expected)
    {
        var actual = telegram.Texts.Select(t => (t.Key.ToString(), t.Value)).OrderBy(t => t.Item1, StringComparer.Ordinal);
        Assert.Equal(expected.OrderBy(t => t.Obis, StringComparer.Ordinal), actual);
    }

    public static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
