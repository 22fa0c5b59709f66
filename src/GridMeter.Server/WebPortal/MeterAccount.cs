using GridMeter.Server.Meters;
using GridMeter.Server.Tariffs;

namespace GridMeter.Server.WebPortal;

/// <summary>
/// What a meter's account page shows: the tariff it is on, the tariffs of its supplier one may ask
/// for, the tariff-change requests made for it, and the caller's own daily threshold for it.
/// </summary>
public sealed record MeterAccount(
    Meter Meter, TariffAssignment? Current, IReadOnlyList<StoredTariff> Tariffs, IReadOnlyList<TariffChange> Requests, decimal? ThresholdKwh);
