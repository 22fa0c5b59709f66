using GridMeter.Server.Alerts;
using GridMeter.Server.Auth;
using GridMeter.Server.Billing;
using GridMeter.Server.Meters;
using GridMeter.Server.Prepayment;
using GridMeter.Server.Tariffs;
using NodaTime;

namespace GridMeter.Server.WebPortal;

/// <summary>Loads a meter's account page from the stores the tariff and alert APIs use.</summary>
public sealed class MeterAccountQuery(
    TariffStore tariffs, TariffRequestQuery requests, AlertSettingsStore alertSettings, BillStore bills, CostCalculator costs, PrepaidStore prepaid,
    TimeProvider clock)
{
    public const int RequestLimit = 20;
    public const int BillLimit = 12;

    public async Task<MeterAccount> LoadAsync(Meter meter, Caller caller, CancellationToken cancellationToken)
    {
        var today = Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(meter.TimeZone).Date;
        var assignments = await tariffs.AssignmentsAsync(meter.Key, cancellationToken);
        var current = assignments.Where(a => a.ValidFrom <= today).MaxBy(a => a.ValidFrom);
        var offered = caller.Role is Roles.Consumer or Roles.Supplier or Roles.Admin && meter.SupplierId is { } supplier
            ? await tariffs.ListVisibleAsync(caller, supplier, cancellationToken)
            : [];
        var asked = caller.Role == Roles.Operator ? [] : await requests.OfMeterAsync(meter.Key, RequestLimit, cancellationToken);
        var settings = await alertSettings.GetAsync(caller.UserKey, cancellationToken);
        var threshold = settings.Thresholds.FirstOrDefault(t => t.MeterId == meter.Id)?.DailyKwh;
        var since = await BillingApi.SinceLastBillOfAsync(meter, bills, costs, clock, cancellationToken);
        var billed = await bills.ListVisibleAsync(caller, meter.Key, null, BillLimit, cancellationToken);
        var balance = await prepaid.FindAsync(meter.Key, cancellationToken) is null ? null : await PrepaymentApi.BalanceOfAsync(meter, prepaid, cancellationToken);
        return new MeterAccount(meter, current, offered, asked, threshold, since, billed, balance);
    }
}
