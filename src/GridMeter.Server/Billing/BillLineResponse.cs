using GridMeter.Domain.Billing;

namespace GridMeter.Server.Billing;

/// <summary>A bill line in JSON: money in the currency's decimals, quantities to six decimals at most.</summary>
public sealed record BillLineResponse(string Name, decimal Quantity, string Unit, decimal Price, decimal Amount)
{
    public static BillLineResponse From(BillLine line) =>
        new(line.Name, Math.Round(line.Quantity, 6, MidpointRounding.AwayFromZero), line.Unit, line.Price, line.Amount);
}
