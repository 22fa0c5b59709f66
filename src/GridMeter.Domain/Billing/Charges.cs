using GridMeter.Domain.Tariffs;

namespace GridMeter.Domain.Billing;

/// <summary>
/// What a span of use costs: its lines (VAT is a line too, so the lines sum to the total), the
/// energy imported and exported, and the sums.
/// </summary>
public sealed record Charges(Currency Currency, IReadOnlyList<BillLine> Lines, decimal ImportKwh, decimal ExportKwh)
{
    public decimal Vat => Lines.Where(l => l.Unit == Currency.Code).Sum(l => l.Amount);

    public decimal Subtotal => Total - Vat;

    public decimal Total => Lines.Sum(l => l.Amount);
}
