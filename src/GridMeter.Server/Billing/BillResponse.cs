using GridMeter.Server.Consumption;
using NodaTime;

namespace GridMeter.Server.Billing;

/// <summary>A bill, credit note or debit note in JSON; its period in the meter's local time.</summary>
public sealed record BillResponse(
    string Id, string Kind, string? Corrects, string RunId, string MeterId, string SupplierId, string From, string To, string Currency,
    IReadOnlyList<BillLineResponse> Lines, decimal Subtotal, decimal Vat, decimal Total, decimal ImportKwh, string IssuedAt)
{
    public static BillResponse Of(Bill bill, string meterId, DateTimeZone zone) =>
        new(bill.Id, bill.Kind, bill.Corrects, bill.RunId, meterId, bill.SupplierId,
            TimeArgument.Format(Instant.FromUnixTimeSeconds(bill.PeriodFrom).InZone(zone)), TimeArgument.Format(Instant.FromUnixTimeSeconds(bill.PeriodTo).InZone(zone)),
            bill.Currency, [.. bill.Lines.Select(BillLineResponse.From)], bill.Subtotal, bill.Vat, bill.Total, bill.ImportWh / 1000m,
            TimeArgument.Format(Instant.FromUnixTimeMilliseconds(bill.CreatedAt).InUtc()));
}

public sealed record BillList(IReadOnlyList<BillResponse> Items);
