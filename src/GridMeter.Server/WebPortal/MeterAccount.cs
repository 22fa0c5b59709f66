using GridMeter.Server.Billing;
using GridMeter.Server.Meters;
using GridMeter.Server.Prepayment;
using GridMeter.Server.Tariffs;

namespace GridMeter.Server.WebPortal;

/// <summary>
/// What a meter's account page shows: the tariff it is on, the tariffs of its supplier one may ask
/// for, the tariff-change requests made for it, the caller's own daily threshold for it, use and
/// cost since the last bill with the projection to the end of the cycle, the newest bills, and the
/// prepaid balance of a prepaid meter.
/// </summary>
public sealed record MeterAccount(
    Meter Meter, TariffAssignment? Current, IReadOnlyList<StoredTariff> Tariffs, IReadOnlyList<TariffChange> Requests, decimal? ThresholdKwh,
    SinceLastBillResponse? SinceLastBill, IReadOnlyList<Bill> Bills, BalanceResponse? Balance);
