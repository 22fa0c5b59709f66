using System.Xml.Linq;
using GridMeter.Server.Consumption;

namespace GridMeter.Server.Soap;

/// <summary>SubService: aggregates of a meter's consumption per interval, from the same code as /consumption/summary.</summary>
public static class SubService
{
    private static readonly SoapField Point = SoapField.Group("point", "AggregatePoint", many: true,
        SoapField.Of("start", SoapField.Time),
        SoapField.Of("end", SoapField.Time),
        SoapField.Of("sum", SoapField.Number, optional: true),
        SoapField.Of("min", SoapField.Number, optional: true),
        SoapField.Of("max", SoapField.Number, optional: true),
        SoapField.Of("avg", SoapField.Number, optional: true),
        SoapField.Of("count", SoapField.Integer),
        SoapField.Of("percentOfTotal", SoapField.Number, optional: true),
        SoapField.Of("quality", SoapField.Text));

    public static readonly SoapService Definition = new("SubService", "Aggregates of a meter's consumption per interval",
    [
        new("GetAggregates",
            "Per interval (15m, hour, day, week, month): sum, min, max and average of the 15-minute consumptions (kWh) and the meter's percent of its building's total",
            [
                SoapField.Of("meterId", SoapField.Text), SoapField.Of("from", SoapField.Time), SoapField.Of("to", SoapField.Time),
                SoapField.Of("interval", SoapField.Text), SoapField.Of("flow", SoapField.Text, optional: true),
            ],
            [SoapField.Of("unit", SoapField.Text), SoapField.Of("timeZone", SoapField.Text), Point],
            GetAggregatesAsync),
    ]);

    private static async Task<SoapAnswer> GetAggregatesAsync(SoapCall call, CancellationToken cancellationToken)
    {
        var (meterId, from, to) = (call.Text("meterId"), call.Text("from", maxLength: 40), call.Text("to", maxLength: 40));
        var (interval, flow) = (call.Text("interval", maxLength: 10), call.Text("flow", required: false, maxLength: 10));
        if (call.Problem is { } problem)
        {
            return problem;
        }
        var (meter, fault) = await SoapScope.VisibleMeterAsync(call, meterId, cancellationToken);
        if (fault is not null)
        {
            return fault;
        }
        var errors = new Dictionary<string, string[]>();
        var args = ConsumptionArguments.Parse(from, to, interval, null, null, flow, meter!.TimeZone, errors);
        if (args is null)
        {
            return SoapFault.Client(string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
        }
        var aggregate = await call.Get<Aggregates>().ForMeterAsync(meter, call.Person!, args, cancellationToken);
        return SoapAnswer.Of(
        [
            SoapCall.Element("unit", aggregate.Unit),
            SoapCall.Element("timeZone", aggregate.TimeZone),
            .. aggregate.Points.Select(p => new XElement(SoapCall.Ns + "point",
                SoapCall.Element("start", p.Start),
                SoapCall.Element("end", p.End),
                Optional("sum", p.Value),
                Optional("min", p.Min),
                Optional("max", p.Max),
                Optional("avg", p.Avg),
                SoapCall.Element("count", p.Count),
                Optional("percentOfTotal", p.Share * 100),
                SoapCall.Element("quality", p.Quality))),
        ]);
    }

    private static XElement? Optional(string name, decimal? value) => value is { } v ? SoapCall.Element(name, v) : null;
}
