using GridMeter.Domain.Billing;

namespace GridMeter.Server.Billing;

/// <summary>A stored bill, or a credit or debit note correcting one (<see cref="Corrects"/>).</summary>
public sealed record Bill(
    string Id, string RunId, long MeterKey, string SupplierId, string Kind, string? Corrects, long PeriodFrom, long PeriodTo,
    string Currency, decimal Subtotal, decimal Vat, decimal Total, long ImportWh, IReadOnlyList<BillLine> Lines, long CreatedAt);
