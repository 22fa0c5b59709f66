using GridMeter.Domain.Billing;
using GridMeter.Server.Consumption;
using NodaTime;

namespace GridMeter.Server.Billing;

/// <summary>
/// GET /api/v1/meters/{id}/cost (CONTRACT section 3): currency, total and lines, plus (extensions)
/// the span in local time, subtotal, VAT and the energy the lines are for.
/// </summary>
public sealed record CostResponse(
    string Currency, decimal Total, IReadOnlyList<BillLineResponse> Lines, string From, string To, decimal Subtotal, decimal Vat, decimal ImportKwh, decimal ExportKwh)
{
    public static CostResponse Of(Charges charges, Instant from, Instant to, DateTimeZone zone) =>
        new(charges.Currency.Code, charges.Total, [.. charges.Lines.Select(BillLineResponse.From)],
            TimeArgument.Format(from.InZone(zone)), TimeArgument.Format(to.InZone(zone)), charges.Subtotal, charges.Vat, charges.ImportKwh, charges.ExportKwh);
}
