using System.Xml.Linq;
using GridMeter.Domain.Meters;
using GridMeter.Server.Appliances;
using GridMeter.Server.Auth;
using GridMeter.Server.Consumption;
using GridMeter.Server.Events;
using GridMeter.Server.Meters;
using NodaTime;

namespace GridMeter.Server.Soap;

/// <summary>
/// DeviceControlService: how much an appliance was used, the faults a meter detected, and
/// switching an appliance on or off. GridMeter has no command path to devices yet, so a switch
/// request is checked (who may switch what) and then refused with a "not available" fault.
/// </summary>
public static class DeviceControlService
{
    /// <summary>Meter events that report something wrong, as opposed to normal operation (power_up, relay_closed, …).</summary>
    public static readonly IReadOnlySet<string> FaultTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "tamper", "cover_opened", "magnetic_field", "power_down", "voltage_sag", "voltage_swell", "firmware_failed",
    };

    private static readonly SoapField Fault = SoapField.Group("fault", "DetectedFault", many: true,
        SoapField.Of("timestamp", SoapField.Time), SoapField.Of("type", SoapField.Text), SoapField.Of("details", SoapField.Text, optional: true));

    public static readonly SoapService Definition = new("DeviceControlService", "Appliance utilisation, detected faults and on/off",
    [
        new("GetUtilisation",
            "An appliance's energy (kWh) in [from, to), and its utilisation: that energy as a percent of running at its rated power throughout",
            [SoapField.Of("meterId", SoapField.Text), SoapField.Of("applianceId", SoapField.Text), SoapField.Of("from", SoapField.Time), SoapField.Of("to", SoapField.Time)],
            [
                SoapField.Of("energy", SoapField.Number, optional: true), SoapField.Of("ratedPowerW", SoapField.Integer, optional: true),
                SoapField.Of("utilisationPercent", SoapField.Number, optional: true), SoapField.Of("state", SoapField.Text, optional: true),
            ],
            UtilisationAsync),
        new("GetFaults", "The faults a meter reported in [from, to), newest first (at most 1000)",
            [SoapField.Of("meterId", SoapField.Text), SoapField.Of("from", SoapField.Time), SoapField.Of("to", SoapField.Time)],
            [Fault],
            FaultsAsync),
        new("SwitchAppliance", "Asks for an appliance to be switched on or off (state = on | off)",
            [SoapField.Of("meterId", SoapField.Text), SoapField.Of("applianceId", SoapField.Text), SoapField.Of("state", SoapField.Text)],
            [SoapField.Of("status", SoapField.Text)],
            SwitchAsync),
    ]);

    private static async Task<SoapAnswer> UtilisationAsync(SoapCall call, CancellationToken cancellationToken)
    {
        var (meterId, applianceId) = (call.Text("meterId"), call.Text("applianceId", maxLength: 64));
        var (from, to) = (call.Time("from"), call.Time("to"));
        if (call.Problem is null && to <= from)
        {
            call.Fail("to must be after from");
        }
        if (call.Problem is { } problem)
        {
            return problem;
        }
        var (meter, appliance, fault) = await ApplianceAsync(call, meterId, applianceId, cancellationToken);
        if (fault is not null)
        {
            return fault;
        }
        var errors = new Dictionary<string, string[]>();
        var args = ConsumptionArguments.Parse(
            TimeArgument.Format(from.InUtc()), TimeArgument.Format(to.InUtc()), "day", null, null, null, meter!.TimeZone, errors);
        if (args is null)
        {
            return SoapFault.Client(string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
        }
        var series = new MeteredSeries(MeteredSeries.ApplianceKey(appliance!.Key), meter.TimeZone, meter.ReadingPeriod);
        var days = await call.Get<Aggregates>().SeriesAsync(series, args, cancellationToken);
        long? wh = days.Any(d => d.Wh is not null) ? days.Sum(d => d.Wh ?? 0) : null;
        decimal? percent = wh is { } energy && appliance.RatedPowerW is > 0
            ? decimal.Round(energy * 100m / (appliance.RatedPowerW.Value * (decimal)(to - from).TotalHours), 2)
            : null;
        return SoapAnswer.Of(
        [
            .. wh is { } value ? [SoapCall.Element("energy", value / 1000m)] : Array.Empty<XElement>(),
            .. appliance.RatedPowerW is { } watts ? [SoapCall.Element("ratedPowerW", watts)] : Array.Empty<XElement>(),
            .. percent is { } p ? [SoapCall.Element("utilisationPercent", p)] : Array.Empty<XElement>(),
            .. appliance.State is { } state ? [SoapCall.Element("state", state)] : Array.Empty<XElement>(),
        ]);
    }

    private static async Task<SoapAnswer> FaultsAsync(SoapCall call, CancellationToken cancellationToken)
    {
        var meterId = call.Text("meterId");
        var (from, to) = (call.Time("from"), call.Time("to"));
        if (call.Problem is null && to <= from)
        {
            call.Fail("to must be after from");
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
        var events = await call.Get<MeterEventStore>().ListAsync(meter!.Key, from, to, null, 5000, cancellationToken);
        return SoapAnswer.Of(events.Where(e => FaultTypes.Contains(e.Type)).Take(1000).Select(e => new XElement(SoapCall.Ns + "fault",
            SoapCall.Element("timestamp", e.Timestamp),
            SoapCall.Element("type", e.Type),
            e.DetailsJson is null ? null : SoapCall.Element("details", e.DetailsJson))));
    }

    private static async Task<SoapAnswer> SwitchAsync(SoapCall call, CancellationToken cancellationToken)
    {
        var (meterId, applianceId, state) = (call.Text("meterId"), call.Text("applianceId", maxLength: 64), call.Text("state", maxLength: 3));
        if (state is not (null or "on" or "off"))
        {
            call.Fail("state must be on or off");
        }
        if (call.Problem is { } problem)
        {
            return problem;
        }
        var (meter, fault) = await SoapScope.ChangeableMeterAsync(call, meterId, [Roles.Consumer, Roles.Supplier, Roles.Admin], cancellationToken);
        if (fault is not null)
        {
            return fault;
        }
        if (applianceId is null || !MeterId.IsValid(applianceId) || await call.Get<ApplianceRegistry>().FindAsync(meter!.Key, applianceId, cancellationToken) is null)
        {
            return SoapFault.NotFound($"appliance '{applianceId}' of meter '{meterId}'");
        }
        return new SoapFault("Server", "Not available: GridMeter has no command path to devices yet, so appliances cannot be switched remotely", StatusCodes.Status501NotImplemented);
    }

    private static async Task<(Meter? Meter, Appliance? Appliance, SoapFault? Fault)> ApplianceAsync(
        SoapCall call, string? meterId, string? applianceId, CancellationToken cancellationToken)
    {
        var (meter, fault) = await SoapScope.VisibleMeterAsync(call, meterId, cancellationToken);
        if (fault is not null)
        {
            return (null, null, fault);
        }
        var appliance = applianceId is not null && MeterId.IsValid(applianceId) ? await call.Get<ApplianceRegistry>().FindAsync(meter!.Key, applianceId, cancellationToken) : null;
        return appliance is null ? (null, null, SoapFault.NotFound($"appliance '{applianceId}' of meter '{meterId}'")) : (meter, appliance, null);
    }
}
