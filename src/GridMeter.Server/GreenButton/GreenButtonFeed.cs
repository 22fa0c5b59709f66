using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using GridMeter.Domain.Consumption;
using GridMeter.Domain.Readings;
using GridMeter.Server.Consumption;
using GridMeter.Server.Meters;
using NodaTime;

namespace GridMeter.Server.GreenButton;

/// <summary>
/// Writes a Green Button "Download My Data" feed (NAESB ESPI 3.3 in Atom): per meter a UsagePoint,
/// its MeterReading, the ReadingType (15-minute Wh deltas), one IntervalBlock per local day with
/// each quarter-hour's value and quality, and a UsageSummary of the period. Entries are written
/// one at a time, so a long period streams rather than building up in memory.
/// </summary>
public sealed class GreenButtonFeed(ConsumptionQuery query, TimeProvider clock)
{
    public static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    public static readonly XNamespace Espi = "http://naesb.org/espi";

    public const string ContentType = "application/atom+xml";

    /// <summary>Longest period one feed covers: a year and a day of quarter-hours.</summary>
    public static readonly Duration MaxSpan = Duration.FromDays(366);

    /// <summary>Writes the feed; <paramref name="scopes"/> limits it to "usage" (interval blocks) and/or "summary" (usage summaries); null writes both.</summary>
    public async Task WriteAsync(
        Stream output, string feedKey, IReadOnlyList<Meter> meters, Instant from, Instant to, IReadOnlyCollection<string>? scopes, CancellationToken cancellationToken)
    {
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        await using var xml = XmlWriter.Create(output, new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false) });
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync(null, "feed", Atom.NamespaceName);
        await new XElement(Atom + "id", Urn(feedKey)).WriteToAsync(xml, cancellationToken);
        await new XElement(Atom + "title", "GridMeter Green Button Download My Data").WriteToAsync(xml, cancellationToken);
        await new XElement(Atom + "updated", Time(now)).WriteToAsync(xml, cancellationToken);
        await new XElement(Atom + "link", new XAttribute("rel", "self"), new XAttribute("href", "/espi/1_1/resource/Batch/" + feedKey)).WriteToAsync(xml, cancellationToken);
        foreach (var meter in meters)
        {
            await WriteMeterAsync(xml, meter, from, to, now, scopes, cancellationToken);
        }
        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
        await xml.FlushAsync();
    }

    private async Task WriteMeterAsync(
        XmlWriter xml, Meter meter, Instant from, Instant to, Instant now, IReadOnlyCollection<string>? scopes, CancellationToken cancellationToken)
    {
        var point = $"/espi/1_1/resource/UsagePoint/{meter.Id}";
        var reading = $"{point}/MeterReading/1";
        await Entry(meter.Id + "/up", meter.Name ?? meter.Id, now, point, "/espi/1_1/resource/UsagePoint", [$"{point}/MeterReading", $"{point}/UsageSummary"],
            new XElement(Espi + "UsagePoint", new XElement(Espi + "ServiceCategory", new XElement(Espi + "kind", 0)))).WriteToAsync(xml, cancellationToken);
        await Entry(meter.Id + "/mr", "Fifteen-minute electricity consumption", now, reading, $"{point}/MeterReading",
            [$"{reading}/IntervalBlock", $"/espi/1_1/resource/ReadingType/{meter.Id}"],
            new XElement(Espi + "MeterReading")).WriteToAsync(xml, cancellationToken);
        await Entry(meter.Id + "/rt", "Energy delivered, Wh per 15 minutes", now, $"/espi/1_1/resource/ReadingType/{meter.Id}", "/espi/1_1/resource/ReadingType", [],
            new XElement(Espi + "ReadingType",
                new XElement(Espi + "accumulationBehaviour", 4), // deltaData
                new XElement(Espi + "commodity", 1),             // electricity, secondary metered
                new XElement(Espi + "dataQualifier", 12),        // normal
                new XElement(Espi + "flowDirection", 1),         // forward (delivered to the customer)
                new XElement(Espi + "intervalLength", 900),
                new XElement(Espi + "kind", 12),                 // energy
                new XElement(Espi + "powerOfTenMultiplier", 0),
                new XElement(Espi + "uom", 72))).WriteToAsync(xml, cancellationToken); // Wh

        var quarters = await query.SummariesAsync(
            MeteredSeries.Of(meter), ObisCode.ActiveImport, from, to, BucketSize.QuarterHour, SeriesVersion.Latest, cancellationToken);
        long total = 0;
        var worst = Quality.Actual;
        foreach (var day in quarters.GroupBy(q => q.Bucket.Start.Date))
        {
            var readings = day.Where(q => q.Wh is not null).ToList();
            if (readings.Count == 0 || scopes?.Contains("usage") == false)
            {
                continue;
            }
            var start = day.First().Bucket.Start.ToInstant();
            var end = day.Last().Bucket.End.ToInstant();
            total += readings.Sum(q => q.Wh!.Value);
            worst = readings.Max(q => q.Quality) > worst ? readings.Max(q => q.Quality) : worst;
            await Entry($"{meter.Id}/ib/{day.Key:yyyy-MM-dd}", "", now, $"{reading}/IntervalBlock/{start.ToUnixTimeSeconds()}", $"{reading}/IntervalBlock", [],
                new XElement(Espi + "IntervalBlock",
                    Interval("interval", start, end),
                    readings.Select(q => new XElement(Espi + "IntervalReading",
                        new XElement(Espi + "ReadingQuality", new XElement(Espi + "quality", QualityCode(q.Quality))),
                        Interval("timePeriod", q.Bucket.Start.ToInstant(), q.Bucket.End.ToInstant()),
                        new XElement(Espi + "value", q.Wh))))).WriteToAsync(xml, cancellationToken);
        }
        if (scopes?.Contains("summary") == false)
        {
            return;
        }
        // No tariff is applied here, so the summary carries the period's energy and quality; costs come with billing.
        await Entry(meter.Id + "/us", "Usage summary", now, $"{point}/UsageSummary/1", $"{point}/UsageSummary", [],
            new XElement(Espi + "UsageSummary",
                Interval("billingPeriod", from, to),
                new XElement(Espi + "currentBillingPeriodOverAllConsumption",
                    new XElement(Espi + "powerOfTenMultiplier", 0),
                    new XElement(Espi + "timeStamp", Math.Min(to.ToUnixTimeSeconds(), now.ToUnixTimeSeconds())),
                    new XElement(Espi + "uom", 72),
                    new XElement(Espi + "value", total)),
                new XElement(Espi + "qualityOfReading", QualityCode(worst)),
                new XElement(Espi + "statusTimeStamp", now.ToUnixTimeSeconds()))).WriteToAsync(xml, cancellationToken);
    }

    /// <summary>ESPI QualityOfReading: 0 valid, 7 edited by a person, 9 interpolated across a gap, 10 failed a check, 14 not validated.</summary>
    public static int QualityCode(Quality quality) => quality switch
    {
        Quality.Actual => 0,
        Quality.Edited => 7,
        Quality.Estimated => 9,
        Quality.Suspect => 10,
        _ => 14,
    };

    private static XElement Entry(string key, string title, Instant now, string self, string up, IEnumerable<string> related, XElement content) =>
        new(Atom + "entry",
            new XElement(Atom + "id", Urn(key)),
            new XElement(Atom + "link", new XAttribute("rel", "self"), new XAttribute("href", self)),
            new XElement(Atom + "link", new XAttribute("rel", "up"), new XAttribute("href", up)),
            related.Select(r => new XElement(Atom + "link", new XAttribute("rel", "related"), new XAttribute("href", r))),
            new XElement(Atom + "title", title),
            new XElement(Atom + "content", content),
            new XElement(Atom + "published", Time(now)),
            new XElement(Atom + "updated", Time(now)));

    private static XElement Interval(string name, Instant start, Instant end) =>
        new(Espi + name, new XElement(Espi + "duration", (long)(end - start).TotalSeconds), new XElement(Espi + "start", start.ToUnixTimeSeconds()));

    private static string Time(Instant instant) => XmlConvert.ToString(instant.ToDateTimeOffset());

    /// <summary>A stable urn:uuid for a resource: the same meter and day always get the same id.</summary>
    private static string Urn(string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("gridmeter:" + key));
        return "urn:uuid:" + new Guid(hash.AsSpan(0, 16)).ToString();
    }
}
