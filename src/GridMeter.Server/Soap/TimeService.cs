using GridMeter.Domain.Readings;
using GridMeter.Server.Consumption;
using GridMeter.Server.Storage;
using NodaTime;

namespace GridMeter.Server.Soap;

/// <summary>TimeService: a meter's register readings over a time range.</summary>
public static class TimeService
{
    /// <summary>Longest span one call may ask for: a month and a bit of quarter-hours is about 3,000 readings.</summary>
    public static readonly Duration MaxSpan = Duration.FromDays(32);

    private static readonly SoapField Reading = SoapField.Group("reading", "Reading", many: true,
        SoapField.Of("timestamp", SoapField.Time), SoapField.Of("obis", SoapField.Text), SoapField.Of("value", SoapField.Number), SoapField.Of("unit", SoapField.Text));

    public static readonly SoapService Definition = new("TimeService", "A meter's register readings over a time range",
    [
        new("GetReadings", "The readings of one register (default 1-0:1.8.0) of a meter in [from, to), at most 32 days",
            [SoapField.Of("meterId", SoapField.Text), SoapField.Of("from", SoapField.Time), SoapField.Of("to", SoapField.Time), SoapField.Of("obis", SoapField.Text, optional: true)],
            [Reading],
            GetReadingsAsync),
    ]);

    private static async Task<SoapAnswer> GetReadingsAsync(SoapCall call, CancellationToken cancellationToken)
    {
        var meterId = call.Text("meterId");
        var (from, to) = (call.Time("from"), call.Time("to"));
        var obisText = call.Text("obis", required: false, maxLength: 20) ?? ObisCode.ActiveImport.ToString();
        if (!ObisCode.TryParse(obisText, out var obis) || !obis.IsRegister)
        {
            call.Fail("obis must be a register OBIS code such as 1-0:1.8.0");
        }
        if (call.Problem is null && (to <= from || to - from > MaxSpan))
        {
            call.Fail("to must be after from, at most 32 days later");
        }
        if (call.Problem is { } problem)
        {
            return problem;
        }
        var (meter, fault) = await SoapScope.VisibleMeterAsync(call, meterId, cancellationToken);
        if (fault is not null)
        {
            return fault;
        }
        var register = await call.Get<RegisterCatalog>().FindAsync(obis, cancellationToken);
        if (register is null)
        {
            return SoapAnswer.Of([]);
        }
        await using var connection = await call.Get<IDatabase>().OpenAsync(cancellationToken);
        var points = await SeriesLoader.ReadingsAroundAsync(connection, meter!.Key, register.Value, from.ToUnixTimeSeconds(), to.ToUnixTimeSeconds(), cancellationToken);
        return SoapAnswer.Of(points.Where(p => p.Timestamp >= from && p.Timestamp < to).Select(p => new System.Xml.Linq.XElement(SoapCall.Ns + "reading",
            SoapCall.Element("timestamp", p.Timestamp),
            SoapCall.Element("obis", obis.ToString()),
            SoapCall.Element("value", p.Wh / 1000m),
            SoapCall.Element("unit", obis.Unit))));
    }
}
