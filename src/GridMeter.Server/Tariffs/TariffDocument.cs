namespace GridMeter.Server.Tariffs;

/// <summary>
/// The tariff document of CONTRACT section 4, as sent and stored. Extensions (optional):
/// <c>holidays</c> (local dates that are public holidays, day "Hol" in periods) and
/// <c>demandChargePerKw</c> (on the highest quarter-hour demand of the billed span).
/// </summary>
public sealed record TariffDocument(
    string? Currency,
    string? ValidFrom,
    decimal? StandingChargePerDay,
    decimal? VatPercent,
    List<EnergyPeriodDocument>? Energy,
    List<TierDocument>? Tiers,
    List<PriceStepDocument>? DynamicPrices,
    decimal? ExportPrice,
    decimal? DemandChargePerKw,
    string? PaymentMode,
    List<string>? Holidays);

public sealed record EnergyPeriodDocument(string? Name, decimal? Price, List<string>? Days, string? From, string? To);

public sealed record TierDocument(decimal? UpToKwh, decimal? Price);

public sealed record PriceStepDocument(string? From, decimal? Price);
