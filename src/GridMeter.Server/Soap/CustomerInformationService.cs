using System.Xml.Linq;
using GridMeter.Domain.Accounts;
using GridMeter.Domain.Consumption;
using GridMeter.Domain.Readings;
using GridMeter.Server.Accounts;
using GridMeter.Server.Appliances;
using GridMeter.Server.Consumption;
using GridMeter.Server.Meters;
using NodaTime;

namespace GridMeter.Server.Soap;

/// <summary>
/// CustomerInformationService: a customer's details, a meter's usage last calendar month, and the
/// devices registered to a customer. The customer is the caller unless a username is given, which
/// the caller must be allowed to see.
/// </summary>
public static class CustomerInformationService
{
    private static readonly SoapField Premises = SoapField.Group("premises", "Premises", many: true,
        SoapField.Of("id", SoapField.Text), SoapField.Of("name", SoapField.Text, optional: true), SoapField.Of("address", SoapField.Text, optional: true));

    private static readonly SoapField Device = SoapField.Group("device", "Device", many: true,
        SoapField.Of("meterId", SoapField.Text), SoapField.Of("applianceId", SoapField.Text, optional: true),
        SoapField.Of("name", SoapField.Text, optional: true), SoapField.Of("type", SoapField.Text),
        SoapField.Of("ratedPowerW", SoapField.Integer, optional: true), SoapField.Of("state", SoapField.Text, optional: true));

    public static readonly SoapService Definition = new("CustomerInformationService", "A customer's details, usage and registered devices",
    [
        new("GetCustomerDetails", "The customer's username, contact details, premises and meters",
            [SoapField.Of("username", SoapField.Text, optional: true)],
            [
                SoapField.Of("username", SoapField.Text), SoapField.Of("role", SoapField.Text), SoapField.Of("email", SoapField.Text, optional: true),
                SoapField.Of("mobile", SoapField.Text, optional: true), Premises, new SoapField("meterId", SoapField.Text, Optional: true, Many: true),
            ],
            DetailsAsync),
        new("GetLastMonthUsage", "A meter's consumption (kWh) in the last whole calendar month of its time zone",
            [SoapField.Of("meterId", SoapField.Text)],
            [SoapField.Of("meterId", SoapField.Text), SoapField.Of("start", SoapField.Time), SoapField.Of("end", SoapField.Time),
             SoapField.Of("value", SoapField.Number, optional: true), SoapField.Of("unit", SoapField.Text), SoapField.Of("quality", SoapField.Text)],
            LastMonthAsync),
        new("GetRegisteredDevices", "The customer's meters and the appliances (sub-meters, smart plugs) registered behind them",
            [SoapField.Of("username", SoapField.Text, optional: true)],
            [Device],
            DevicesAsync),
    ]);

    private static async Task<SoapAnswer> DetailsAsync(SoapCall call, CancellationToken cancellationToken)
    {
        var (user, links, fault) = await CustomerAsync(call, cancellationToken);
        if (fault is not null)
        {
            return fault;
        }
        var directory = call.Get<PremisesDirectory>();
        var premises = new List<XElement>();
        foreach (var (_, id) in links.Where(l => l.Kind == "premises"))
        {
            if (await directory.FindVisibleAsync(id, call.Person!, cancellationToken) is { } found)
            {
                premises.Add(new XElement(SoapCall.Ns + "premises",
                    SoapCall.Element("id", found.Id),
                    found.Name is null ? null : SoapCall.Element("name", found.Name),
                    found.Address is null ? null : SoapCall.Element("address", found.Address)));
            }
        }
        return SoapAnswer.Of(
        [
            SoapCall.Element("username", user!.Username),
            SoapCall.Element("role", user.Role),
            .. user.Email is null ? Array.Empty<XElement>() : [SoapCall.Element("email", user.Email)],
            .. user.Mobile is null ? Array.Empty<XElement>() : [SoapCall.Element("mobile", user.Mobile)],
            .. premises,
            .. links.Where(l => l.Kind == "meter").Select(l => SoapCall.Element("meterId", l.Id)),
        ]);
    }

    private static async Task<SoapAnswer> LastMonthAsync(SoapCall call, CancellationToken cancellationToken)
    {
        var meterId = call.Text("meterId");
        if (call.Problem is { } problem)
        {
            return problem;
        }
        var (meter, fault) = await SoapScope.VisibleMeterAsync(call, meterId, cancellationToken);
        if (fault is not null)
        {
            return fault;
        }
        var now = Instant.FromDateTimeOffset(call.Get<TimeProvider>().GetUtcNow()).InZone(meter!.TimeZone).Date;
        var thisMonth = new LocalDate(now.Year, now.Month, 1);
        var (from, to) = (thisMonth.PlusMonths(-1).AtStartOfDayInZone(meter.TimeZone).ToInstant(), thisMonth.AtStartOfDayInZone(meter.TimeZone).ToInstant());
        var month = (await call.Get<ConsumptionQuery>().SummariesAsync(
            MeteredSeries.Of(meter), ObisCode.ActiveImport, from, to, BucketSize.Month, SeriesVersion.Latest, cancellationToken))[0];
        return SoapAnswer.Of(
        [
            SoapCall.Element("meterId", meter.Id),
            SoapCall.Element("start", TimeArgument.Format(month.Bucket.Start)),
            SoapCall.Element("end", TimeArgument.Format(month.Bucket.End)),
            .. month.Wh is { } wh ? [SoapCall.Element("value", wh / 1000m)] : Array.Empty<XElement>(),
            SoapCall.Element("unit", "kWh"),
            SoapCall.Element("quality", ConsumptionApi.QualityName(month.Quality)),
        ]);
    }

    private static async Task<SoapAnswer> DevicesAsync(SoapCall call, CancellationToken cancellationToken)
    {
        var (_, links, fault) = await CustomerAsync(call, cancellationToken);
        if (fault is not null)
        {
            return fault;
        }
        var devices = new List<XElement>();
        foreach (var (_, meterId) in links.Where(l => l.Kind == "meter"))
        {
            var meter = await call.Get<MeterDirectory>().FindVisibleAsync(meterId, call.Person!, cancellationToken);
            if (meter is null)
            {
                continue;
            }
            devices.Add(new XElement(SoapCall.Ns + "device", SoapCall.Element("meterId", meter.Id),
                meter.Name is null ? null : SoapCall.Element("name", meter.Name), SoapCall.Element("type", "meter")));
            foreach (var appliance in await call.Get<ApplianceRegistry>().ListAsync(meter.Key, cancellationToken))
            {
                devices.Add(new XElement(SoapCall.Ns + "device",
                    SoapCall.Element("meterId", meter.Id), SoapCall.Element("applianceId", appliance.Id), SoapCall.Element("name", appliance.Name),
                    SoapCall.Element("type", appliance.Type),
                    appliance.RatedPowerW is { } watts ? SoapCall.Element("ratedPowerW", watts) : null,
                    appliance.State is null ? null : SoapCall.Element("state", appliance.State)));
            }
        }
        return SoapAnswer.Of(devices);
    }

    /// <summary>The customer asked about (the caller when no username is given) and their visible links.</summary>
    private static async Task<(UserAccount? User, IReadOnlyList<(string Kind, string Id)> Links, SoapFault? Fault)> CustomerAsync(
        SoapCall call, CancellationToken cancellationToken)
    {
        var username = call.Text("username", required: false, maxLength: 100);
        if (call.Person is not { } person)
        {
            return (null, [], SoapFault.Forbidden("A device may only add its own readings (AddService)"));
        }
        if (username is null && !person.IsPerson)
        {
            return (null, [], SoapFault.Client("An API key has no customer of its own: name one with username"));
        }
        username ??= person.Username;
        var user = AccountText.IsUsername(username) ? await call.Get<UserAccounts>().FindVisibleAsync(username, person, cancellationToken) : null;
        if (user is null)
        {
            return (null, [], SoapFault.NotFound($"customer '{username}'"));
        }
        var links = await call.Get<UserLinks>().VisibleLinksAsync([user.Key], person, cancellationToken);
        return (user, [.. links[user.Key]], null);
    }
}
