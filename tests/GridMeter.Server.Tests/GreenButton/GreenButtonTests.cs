using System.Net;
using System.Text;
using System.Xml.Linq;
using GridMeter.Server.Tests.Accounts;

namespace GridMeter.Server.Tests.GreenButton;

/// <summary>Green Button Download My Data: a valid ESPI feed of the consumer's own 15-minute data.</summary>
public sealed class GreenButtonTests
{
    private static readonly XNamespace Espi = "http://naesb.org/espi";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public void The_sample_feed_of_the_green_button_alliance_validates_so_the_schemas_are_loaded_right()
    {
        var sample = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "testdata", "espi", "sample-usage-feed.xml"));

        Assert.Empty(EspiSchema.Validate(sample));
        Assert.NotEmpty(EspiSchema.Validate(sample.Replace("<kind>0</kind>", "<kind>zero</kind>", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_consumers_export_validates_against_the_espi_schema_with_quarter_hours_and_their_quality()
    {
        await using var app = await GridMeterApp.StartAsync();
        var world = await World.CreateAsync(app);
        await SendReadingsAsync(app, world, "MTR-OURS");
        using var consumer = await app.ClientForAsync("ours-consumer", World.Password);

        var response = await consumer.GetAsync("/api/v1/me/greenbutton?from=2026-11-21&to=2026-11-23", Cancel);
        var feed = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(EspiSchema.Validate(feed));
        var document = XDocument.Parse(feed);
        var readings = document.Descendants(Espi + "IntervalReading").ToList();
        Assert.Equal(8, readings.Count);
        Assert.All(readings, r => Assert.Equal("250", r.Element(Espi + "value")!.Value));
        Assert.All(readings, r => Assert.Equal("0", r.Element(Espi + "ReadingQuality")!.Element(Espi + "quality")!.Value));
        Assert.Equal("900", document.Descendants(Espi + "intervalLength").Single().Value);
        Assert.Equal("2000", document.Descendants(Espi + "currentBillingPeriodOverAllConsumption").Single().Element(Espi + "value")!.Value);
        Assert.Single(document.Descendants(Espi + "UsagePoint"));
    }

    [Fact]
    public async Task Someone_elses_meter_has_no_feed()
    {
        await using var app = await GridMeterApp.StartAsync();
        await World.CreateAsync(app);
        using var consumer = await app.ClientForAsync("ours-consumer", World.Password);

        var response = await consumer.GetAsync("/api/v1/meters/MTR-THEIRS/greenbutton?from=2026-11-21&to=2026-11-23", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>Nine register readings, 0.25 kWh apart, from 2026-11-22 08:00 UTC: eight quarter-hours of 250 Wh.</summary>
    internal static async Task SendReadingsAsync(GridMeterApp app, World world, string meterId)
    {
        using var device = app.DeviceClient(meterId, world.DeviceSecrets[meterId]);
        var readings = Enumerable.Range(0, 9).Select(i => FormattableString.Invariant(
            $"{{\"ts\":\"{new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero).AddMinutes(15 * i):yyyy-MM-ddTHH:mm:ssZ}\",\"values\":{{\"1-0:1.8.0\":{1000 + (i * 0.25m)}}}}}"));
        var body = $"{{\"readings\":[{string.Join(",", readings)}]}}";
        (await device.PostAsync($"/api/v1/meters/{meterId}/readings", new StringContent(body, Encoding.UTF8, "application/json"), Cancel)).EnsureSuccessStatusCode();
    }
}
