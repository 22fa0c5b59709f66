namespace GridMeter.Server.Tariffs;

/// <summary>POST /api/v1/tariffs: a supplier's tariff (a supplier's staff may leave supplierId out).</summary>
public sealed record CreateTariffRequest(string? Id, string? Name, string? SupplierId, TariffDocument? Tariff);

/// <summary>PUT /api/v1/tariffs/{id}: a new name and document; meters already on it keep the document they were assigned.</summary>
public sealed record UpdateTariffRequest(string? Name, TariffDocument? Tariff);

public sealed record TariffResponse(string Id, string SupplierId, string Name, TariffDocument Tariff, long CreatedAt, long UpdatedAt)
{
    public static TariffResponse From(StoredTariff t) =>
        new(t.Id, t.SupplierId, t.Name, System.Text.Json.JsonSerializer.Deserialize(t.Document, TariffsJson.Default.TariffDocument)!, t.CreatedAt, t.UpdatedAt);
}

public sealed record TariffList(IReadOnlyList<TariffResponse> Items);

/// <summary>
/// PUT /api/v1/meters/{id}/tariff: a tariff document (CONTRACT section 4, from its validFrom), or
/// (extension) <c>tariffId</c> of a stored tariff with <c>validFrom</c>.
/// </summary>
public sealed record AssignTariffRequest(
    string? TariffId,
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
    List<string>? Holidays)
{
    public TariffDocument Document => new(Currency, ValidFrom, StandingChargePerDay, VatPercent, Energy, Tiers, DynamicPrices, ExportPrice, DemandChargePerKw, PaymentMode, Holidays);
}

public sealed record AssignmentResponse(string ValidFrom, string? TariffId, string PaymentMode, TariffDocument Tariff, string AssignedBy, long AssignedAt);

public sealed record MeterTariffResponse(string MeterId, IReadOnlyList<AssignmentResponse> Assignments);
